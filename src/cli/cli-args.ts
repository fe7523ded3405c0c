// The CLI's flags, named like the action's inputs: `--platforms linux/amd64,linux/arm64 --push`.
// Pure, so it is unit-tested; the adapter around it is cli.ts.

export interface CliArgs {
  inputs: Record<string, string>;
  help: boolean;
}

/**
 * `--name value`, `--name=value`; a flag without a value is `true`; a repeated flag adds a line
 * (list inputs take one item per line). Unknown names are an error that names the flag.
 */
export function parseCliArgs(argv: readonly string[], known: readonly string[]): CliArgs {
  const inputs: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(arg)}: flags are --INPUT-NAME VALUE`);
    const name = m[1] ?? '';
    if (!known.includes(name)) throw new Error(`unknown flag --${name} (see --help)`);
    let value = m[2];
    if (value === undefined) {
      const next = argv[i + 1];
      value = next === undefined || next.startsWith('--') ? 'true' : next;
      if (value === next) i++;
    }
    inputs[name] = inputs[name] === undefined ? value : `${inputs[name]}\n${value}`;
  }
  return { inputs, help };
}

/** The runner's file-command format (`name<<DELIM … DELIM`), as GITHUB_OUTPUT holds it. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

/** The job summary (HTML) as plain text for a terminal. */
export function summaryText(html: string): string {
  return html
    .replace(/<\/(tr|h\d|p)>|<br>/g, '\n')
    .replace(/<\/t[dh]>/g, '  ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
