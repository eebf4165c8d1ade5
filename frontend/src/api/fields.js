// Selections shared by the operations of several areas (not operations themselves).

export const PERSON = 'id displayName handle';
export const NOTIFICATION = `id kind read count createdAt notice { subject intro link tone } actor { ${PERSON} } objective { id title } task { id title } comment { id body mentions { ${PERSON} } }
  cycle { id name } phase previousPhase reason`;
