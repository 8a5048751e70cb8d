/**
 * A textarea's value as the person typed it. Browsers submit every line break of a textarea
 * as CRLF (HTML's form encoding), whatever the text held, so a pasted patch arrives with `\r`
 * on every line and no longer matches the files it changes.
 */
export function textareaText(submitted: string): string {
  return submitted.replace(/\r\n?/g, "\n");
}
