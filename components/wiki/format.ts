/** Dates as the rest of Pubforge shows them: the same on the server and in every browser. */
export const when = (date: Date | string) =>
  new Date(date).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/**
 * Styles for rendered wiki pages: links to pages not written yet look like MediaWiki's red
 * links. `!` because `.prose-forge a` is unlayered CSS, which outranks utilities.
 */
export const wikiProseClass =
  "prose-forge [&_a.wiki-missing]:text-red-700! [&_a.wiki-missing]:decoration-dashed dark:[&_a.wiki-missing]:text-red-400!";
