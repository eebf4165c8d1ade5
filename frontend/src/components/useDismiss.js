// Closing a popover the way people expect: a press outside it, or Escape.
import { useEffect } from 'preact/hooks';

/** While `open`: a pointer press outside `ref` calls close(false), Escape calls close(true). */
export function useDismiss(open, ref, close) {
  useEffect(() => {
    if (!open) return undefined;
    const away = (e) => ref.current && !ref.current.contains(e.target) && close(false);
    const esc = (e) => e.key === 'Escape' && close(true);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
}
