// opencc-js ships its dictionaries as ES modules whose default export is the dictionary string.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
