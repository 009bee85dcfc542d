// A strict reader for Apple's XML property lists, for tests (plutil is not on Linux): the DOCTYPE,
// one <plist version="1.0"> root, and only <dict> <array> <string> <integer> <real> <true/> <false/>
// <data> <date>. Anything else (an unknown element, text outside a value, a <key> with no value,
// a duplicate key, a bad entity) throws, so a malformed profile fails the test.
export type ParsedPlist = string | number | boolean | ParsedPlist[] | { [key: string]: ParsedPlist } | { data: string } | { date: string };

interface Token {
  kind: "open" | "close" | "empty" | "text";
  name: string;
  text: string;
}

export function parsePlistXml(xml: string): ParsedPlist {
  const prologue = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN" "http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd">\s*<plist version="1\.0">/;
  const head = prologue.exec(xml);
  if (!head) throw new Error("Not an XML property list: the XML declaration, DOCTYPE or <plist version=\"1.0\"> is missing.");
  const end = xml.lastIndexOf("</plist>");
  if (end < 0 || xml.slice(end + "</plist>".length).trim() !== "") throw new Error("The property list does not end with </plist>.");
  const tokens = tokenize(xml.slice(head[0].length, end));
  let at = 0;
  const next = (): Token => {
    const token = tokens[at++];
    if (!token) throw new Error("The property list ends inside a value.");
    return token;
  };
  const value = (token: Token): ParsedPlist => {
    if (token.kind === "empty") {
      if (token.name === "true") return true;
      if (token.name === "false") return false;
      if (token.name === "dict") return {};
      if (token.name === "array") return [];
      if (token.name === "string") return "";
      throw new Error(`<${token.name}/> is not a property list value.`);
    }
    if (token.kind !== "open") throw new Error(`Expected a value, found ${describe(token)}.`);
    switch (token.name) {
      case "dict": {
        const dict: Record<string, ParsedPlist> = {};
        for (;;) {
          const key = next();
          if (key.kind === "close" && key.name === "dict") return dict;
          if (key.kind !== "open" || key.name !== "key") throw new Error(`Expected <key> in a <dict>, found ${describe(key)}.`);
          const name = textUntil("key");
          if (Object.hasOwn(dict, name)) throw new Error(`The key ${name} appears twice in one <dict>.`);
          dict[name] = value(next());
        }
      }
      case "array": {
        const array: ParsedPlist[] = [];
        for (;;) {
          const item = next();
          if (item.kind === "close" && item.name === "array") return array;
          array.push(value(item));
        }
      }
      case "string":
        return textUntil("string");
      case "integer": {
        const text = textUntil("integer").trim();
        if (!/^[+-]?\d+$/.test(text)) throw new Error(`<integer>${text}</integer> is not a whole number.`);
        return Number(text);
      }
      case "real": {
        const text = textUntil("real").trim();
        const number = Number(text);
        if (text === "" || !Number.isFinite(number)) throw new Error(`<real>${text}</real> is not a number.`);
        return number;
      }
      case "data":
        return { data: textUntil("data").replace(/\s+/g, "") };
      case "date":
        return { date: textUntil("date") };
      default:
        throw new Error(`<${token.name}> is not a property list element.`);
    }
  };
  const textUntil = (name: string): string => {
    let token = next();
    let text = "";
    if (token.kind === "text") {
      text = token.text;
      token = next();
    }
    if (token.kind !== "close" || token.name !== name) throw new Error(`Expected </${name}>, found ${describe(token)}.`);
    return text;
  };
  const root = value(next());
  if (at !== tokens.length) throw new Error("The property list holds more than one root value.");
  return root;
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const tag = /<(\/?)([a-z]+)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (const match of body.matchAll(tag)) {
    pushText(tokens, body.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0].startsWith("<!--")) continue;
    const [, closing, name = "", empty] = match;
    if (closing && empty) throw new Error(`Malformed tag ${match[0]}.`);
    tokens.push({ kind: closing ? "close" : empty ? "empty" : "open", name, text: "" });
  }
  pushText(tokens, body.slice(last));
  return tokens;
}

const TEXT_ELEMENTS = new Set(["key", "string", "integer", "real", "data", "date"]);

function pushText(tokens: Token[], raw: string): void {
  if (raw.includes("<")) throw new Error(`Unexpected markup: ${raw.slice(raw.indexOf("<"), raw.indexOf("<") + 40)}`);
  if (raw === "") return;
  const previous = tokens.at(-1);
  const inText = previous?.kind === "open" && TEXT_ELEMENTS.has(previous.name);
  // Whitespace between elements is layout; text counts only directly inside <key>, <string>…
  if (!inText) {
    if (raw.trim() !== "") throw new Error(`Text outside a value: "${raw.trim().slice(0, 40)}".`);
    return;
  }
  tokens.push({ kind: "text", name: "", text: decodeEntities(raw) });
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (whole, entity: string | undefined) => {
    if (!entity) throw new Error("A bare & in a property list string must be written &amp;.");
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    const decoded = named[entity];
    if (decoded === undefined) throw new Error(`Unknown entity ${whole} in a property list.`);
    return decoded;
  });
}

function describe(token: Token): string {
  if (token.kind === "text") return `text "${token.text.trim().slice(0, 40)}"`;
  return token.kind === "close" ? `</${token.name}>` : token.kind === "empty" ? `<${token.name}/>` : `<${token.name}>`;
}
