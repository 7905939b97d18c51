/** Generated blocks in Markdown files sit between `<!-- name:start -->` and `<!-- name:end -->` lines. */
const pattern = (name: string) =>
  new RegExp(`<!-- ${name}:start -->\\n?([\\s\\S]*?)\\n?<!-- ${name}:end -->`);

/** The text between the marker lines, or undefined when the file has none. */
export function textBetweenMarkers(text: string, name: string): string | undefined {
  return pattern(name).exec(text)?.[1];
}

export function replaceBetweenMarkers(text: string, name: string, block: string): string {
  if (textBetweenMarkers(text, name) === undefined) throw new Error(`no ${name} markers`);
  return text.replace(pattern(name), () => `<!-- ${name}:start -->\n${block}\n<!-- ${name}:end -->`);
}
