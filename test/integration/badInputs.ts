// The bad inputs a deck may hold, with the diagnostic a person should see for each (file, line, message).
// Shared by the unit test (core) and the integration test (Problems panel in real VS Code).

export interface BadInput {
  /** Path inside the deck folder. */
  path: string;
  what: string;
  content: string | Uint8Array;
  line: number;
  message: RegExp;
  severity: 'error' | 'warning';
}

const enc = new TextEncoder();
const question = (id: string, fields: string, body = '# A question?\n\nAn answer.\n') => `---\nid: ${id}\n${fields}---\n${body}`;

export function badInputs(): BadInput[] {
  const latin1 = enc.encode(question('latin1', 'topic: regularization\ndifficulty: basic\n', '# Caf'));
  return [
    {
      path: 'bad/malformed-yaml.md', what: 'malformed YAML', line: 4, severity: 'error',
      content: question('malformed', 'topic: regularization\nconcepts: [dropout\ndifficulty: basic\n'),
      message: /^front matter is not valid YAML: /,
    },
    {
      path: 'bad/missing-field.md', what: 'missing required field', line: 2, severity: 'error',
      content: question('missing-field', 'topic: regularization\n'),
      message: /^missing required field "difficulty"$/,
    },
    {
      path: 'bad/unknown-topic.md', what: 'unknown topic', line: 3, severity: 'error',
      content: question('unknown-topic', 'topic: cooking\ndifficulty: basic\n'),
      message: /^unknown topic "cooking"; use one of .*regularization/,
    },
    {
      path: 'bad/duplicate-b.md', what: 'duplicate id (second file)', line: 2, severity: 'error',
      content: question('duplicate', 'topic: regularization\ndifficulty: basic\n'),
      message: /^question id "duplicate" is already used by .*duplicate-a\.md$/,
    },
    {
      path: 'bad/dangling.md', what: 'dangling related reference', line: 6, severity: 'warning',
      content: question('dangling', 'topic: regularization\ndifficulty: basic\nconcepts: [dropout]\nrelated: [no-such-question]\n'),
      message: /^related question "no-such-question" not found in this deck or the bundled bank$/,
    },
    {
      path: 'bad/unknown-concept.md', what: 'dangling concept reference', line: 5, severity: 'warning',
      content: question('unknown-concept', 'topic: regularization\ndifficulty: basic\nconcepts: [no-such-concept]\n'),
      message: /^unknown concept "no-such-concept": define it in the deck's glossary/,
    },
    { path: 'bad/empty.md', what: 'empty file', line: 1, severity: 'error', content: '', message: /^file is empty: a question needs YAML front matter/ },
    {
      path: 'bad/binary.md', what: 'binary file', line: 1, severity: 'error',
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      message: /^this is a binary file \(it contains NUL bytes\)/,
    },
    {
      path: 'bad/latin1.md', what: 'invalid UTF-8', line: 6, severity: 'error',
      content: new Uint8Array([...latin1, 0xe9, 0x3f, 0x0a, 0x0a, 0x41, 0x2e, 0x0a]),
      message: /^the file is not valid UTF-8 \(the first bad byte is on this line\)/,
    },
    {
      path: 'bad/huge.md', what: '5 MB file', line: 1, severity: 'error',
      content: question('huge', 'topic: regularization\ndifficulty: basic\n', `# Huge?\n\n${'All work and no play. '.repeat(240_000)}\n`),
      message: /^file is 51\d\d KB; deck files are limited to 256 KB/,
    },
    {
      path: 'bad/one-line.md', what: '1 MB single line', line: 1, severity: 'error',
      content: 'x'.repeat(1024 * 1024),
      message: /^file is 1024 KB; deck files are limited to 256 KB/,
    },
    {
      path: 'bad/long-line.md', what: '100,000-character line (under the size limit)', line: 8, severity: 'error',
      content: question('long-line', 'topic: regularization\ndifficulty: basic\n', `# Long?\n\n${'y'.repeat(100_000)}\n`),
      message: /^line is 100000 characters long \(limit 10000\)$/,
    },
    {
      path: 'bad/nested.md', what: 'deeply nested Markdown', line: 10, severity: 'error',
      content: question('nested', 'topic: regularization\ndifficulty: basic\n', `# Nested?\n\nIntro.\n\n${'> '.repeat(2000)}deep\n`),
      message: /^quotes or lists are nested 2000 levels deep here \(limit 20\); flatten them$/,
    },
    {
      path: 'bad/no-front-matter.md', what: 'no front matter', line: 1, severity: 'error',
      content: '# Just a heading\n\nNo fields.\n',
      message: /^missing YAML front matter/,
    },
    {
      path: 'glossary/broken.yaml', what: 'malformed glossary YAML', line: 3, severity: 'error',
      content: '- id: ok-concept\n  name: OK\n  definition: [unclosed\n',
      message: /^not valid YAML: /,
    },
  ];
}

/** Files that must load although they sit next to the bad ones. */
export function goodInputs(): { path: string; content: string; id: string }[] {
  return [
    { path: 'bad/duplicate-a.md', id: 'duplicate', content: question('duplicate', 'topic: regularization\ndifficulty: basic\n') },
    { path: 'bad/fine.md', id: 'fine', content: question('fine', 'topic: regularization\ndifficulty: basic\nconcepts: [dropout]\n') },
  ];
}
