/**
 * three-mesh-ui throws on a character its MSDF font lacks, so every string that reaches a Text goes
 * through computeSafeText: known look-alikes are spelled in ASCII, anything else becomes '?'.
 * Whitespace (space, newline) is laid out by three-mesh-ui itself and always passes.
 */

/** Candidates per character, first drawable one wins (our Roboto lacks '<' and '>'). */
const REPLACEMENTS: Readonly<Record<string, readonly string[]>> = {
  '×': ['x'],
  '·': ['.'],
  '•': ['*'],
  '→': ['->', ' to '],
  '←': ['<-', ' from '],
  '↑': ['^', 'up'],
  '↓': ['v'],
  '—': ['-'],
  '–': ['-'],
  '−': ['-'],
  '…': ['...'],
  '≈': ['~'],
  '≤': ['<=', ' le '],
  '≥': ['>=', ' ge '],
  '<': ['lt'],
  '>': ['gt'],
  '²': ['^2'],
  '³': ['^3'],
  '‘': ["'"],
  '’': ["'"],
  '“': ['"'],
  '”': ['"'],
  '\t': [' '],
  'µ': ['u'],
};

const WHITESPACE = new Set([' ', '\n']);

/** The set of characters a font can draw, from its MSDF json's `chars` list. */
export function computeFontCharset(font: { readonly chars: readonly { readonly char: string }[] }): ReadonlySet<string> {
  return new Set(font.chars.map((c) => c.char));
}

export function computeSafeText(text: string, charset: ReadonlySet<string>): string {
  const drawable = (candidate: string) => [...candidate].every((r) => WHITESPACE.has(r) || charset.has(r));
  let out = '';
  for (const ch of text) {
    if (WHITESPACE.has(ch) || charset.has(ch)) {
      out += ch;
      continue;
    }
    const replacement = REPLACEMENTS[ch]?.find(drawable);
    out += replacement ?? (charset.has('?') ? '?' : '');
  }
  return out;
}
