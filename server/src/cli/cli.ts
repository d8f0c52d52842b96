import { reportToJson } from '../service/json';
import { parseReport } from '../service/parse';
import { expandPaths, readReport } from './files';

const USAGE = `用法 Usage:
  nianbao parse --json FILE...        打印报告模型 (JSON)
  nianbao check [选项] PATH...         检查报告
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: s => process.stdout.write(s),
  err: s => process.stderr.write(s),
};

export async function runCli(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(rest, io);
    case '-h': case '--help': case 'help': case undefined:
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`nianbao: 未知命令 unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

async function parseCommand(args: string[], io: Io): Promise<number> {
  const paths = args.filter(a => a !== '--json');
  if (!paths.length) {
    io.err(`nianbao parse: 缺少文件 missing FILE\n${USAGE}`);
    return 2;
  }
  const { files, missing } = await expandPaths(paths);
  let code = 0;
  for (const m of missing) {
    io.err(`nianbao: 找不到 not found: ${m}\n`);
    code = 2;
  }
  const out = [];
  for (const file of files) {
    try {
      const { text } = await readReport(file);
      out.push(reportToJson(parseReport(text), file));
    } catch (e) {
      io.err(`nianbao: 无法读取 cannot read ${file}: ${(e as Error).message}\n`);
      code = 2;
    }
  }
  io.out(JSON.stringify(out.length === 1 && paths.length === 1 && files.length === 1 ? out[0] : out, null, 2) + '\n');
  return code;
}
