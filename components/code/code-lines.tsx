import { highlightLines } from "@/components/diff/highlight";
import { LineSelection } from "./line-selection";

/** A text's lines, without the empty one after a final line break. */
export function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * A text file as a table of numbered lines, highlighted as its name says (plain past
 * highlight.ts's limits). Each number is a link to `#L<n>`; LineSelection makes them select.
 */
export function CodeLines({ path, text }: { path: string; text: string }) {
  const lines = linesOf(text);
  const html = highlightLines(path, lines);
  return (
    <LineSelection lines={lines.length}>
      <p id="code-lines-help" className="sr-only">
        Line numbers are links: Enter selects a line and Shift+Enter extends the selection; the
        arrow keys move between them.
      </p>
      <div className="overflow-x-auto">
        <table
          className="code-table font-mono"
          aria-describedby="code-lines-help"
          data-testid="code"
        >
          <caption className="sr-only">Contents of {path}</caption>
          <thead>
            <tr>
              <th scope="col" className="p-0">
                <span className="sr-only">Line</span>
              </th>
              <th scope="col" className="p-0">
                <span className="sr-only">Code</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {html.map((line, i) => (
              <tr key={i} id={`L${i + 1}`}>
                <td className="code-num">
                  <a href={`#L${i + 1}`} data-line={i + 1} tabIndex={i === 0 ? 0 : -1}>
                    {i + 1}
                  </a>
                </td>
                <td className="code-line" dangerouslySetInnerHTML={{ __html: line }} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </LineSelection>
  );
}
