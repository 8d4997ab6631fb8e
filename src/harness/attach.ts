/** Hands a text to the report, under a name. */
export type Attach = (name: string, text: string) => void;
