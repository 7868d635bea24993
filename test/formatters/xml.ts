// A small XML 1.0 well-formedness check for the junit tests (no XML parser is
// installed): one root element, properly nested tags, quoted attributes
// without duplicates, only the five predefined entities or character
// references, no raw `<` or `&` in text or attribute values. Returns true, or
// a string saying what is wrong.
const NAME = '[A-Za-z_:][-A-Za-z0-9_.:]*';
const REF = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function badText(s: string): boolean {
  return /[<]/.test(s) || /&/.test(s.replace(REF, ''));
}

export function XMLValidator(xml: string): true | string {
  let s = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  while (s.length) {
    const lt = s.indexOf('<');
    const text = lt === -1 ? s : s.slice(0, lt);
    if (badText(text)) return `bad character in text: ${JSON.stringify(text.slice(0, 40))}`;
    if (!stack.length && text.trim()) return 'text outside the root element';
    if (lt === -1) break;
    s = s.slice(lt);
    const close = new RegExp(`^</(${NAME})\\s*>`).exec(s);
    if (close) {
      if (stack.pop() !== close[1]) return `unexpected </${close[1]}>`;
      s = s.slice(close[0].length);
      continue;
    }
    const open = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`).exec(s);
    if (!open) return `malformed tag at ${JSON.stringify(s.slice(0, 40))}`;
    const names = new Set<string>();
    for (const a of open[2].matchAll(new RegExp(`(${NAME})\\s*=\\s*("[^"]*"|'[^']*')`, 'g'))) {
      if (names.has(a[1])) return `duplicate attribute ${a[1]}`;
      names.add(a[1]);
      if (badText(a[2].slice(1, -1))) return `bad character in attribute ${a[1]}`;
    }
    if (!stack.length) roots++;
    if (roots > 1) return 'more than one root element';
    if (!open[3]) stack.push(open[1]);
    s = s.slice(open[0].length);
  }
  if (stack.length) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? true : 'no root element';
}
