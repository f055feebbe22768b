import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A fenced code block of a Markdown file: its language and text, under the heading it is in. */
export interface DocBlock {
  heading: string;
  lang: string;
  text: string;
}

/** Every fenced code block of `docs/<name>`, in order, so a test can run what the page says. */
export function readDocBlocks(name: string): DocBlock[] {
  const markdown = readFileSync(join(import.meta.dirname, "..", "docs", name), "utf8");
  const blocks: DocBlock[] = [];
  let heading = "";
  let open: DocBlock | undefined;
  for (const line of markdown.split("\n")) {
    if (open) {
      if (line.startsWith("```")) {
        blocks.push(open);
        open = undefined;
      } else open.text += `${line}\n`;
    } else if (line.startsWith("```")) open = { heading, lang: line.slice(3).trim(), text: "" };
    else if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
  }
  return blocks;
}

/** The blocks under a heading that starts with `heading`, in the given language. */
export function docBlocks(name: string, heading: string, lang?: string): DocBlock[] {
  return readDocBlocks(name).filter(
    (b) => b.heading.startsWith(heading) && (lang === undefined || b.lang === lang),
  );
}
