// Prettier for the web app. Templates (htm's html`…`) are left as written: htm drops whitespace
// that holds a newline, so reflowing a template's markup would change the text on screen.
export default {
  singleQuote: true,
  printWidth: 140,
  embeddedLanguageFormatting: 'off',
};
