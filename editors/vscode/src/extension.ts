// seedls for VS Code: starts the seedls language server for seed articles and
// mirrors its settings. All analysis happens in the server.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { runEndToEndScenario } from "./e2e";

export const LANGUAGE_ID = "seed";
/** A seed's first line: optional spaces, `date` and a space (malformed dates count, so the server can report them). */
export const HEADER = /^\s*date\s/;
const INSTALL_HINT = "cargo install --path .";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("seedls", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("seedls.restartServer", () => restart()),
    vscode.commands.registerCommand("seedls.showOutput", () => output.show(true)),
    vscode.workspace.onDidOpenTextDocument(detectSeed),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("seedls.server.path")) {
        await restart();
      } else if (event.affectsConfiguration("seedls.include") || event.affectsConfiguration("seedls.exclude")) {
        vscode.workspace.textDocuments.forEach(detectSeed);
      }
    }),
  );
  vscode.workspace.textDocuments.forEach(detectSeed);
  await start();

  // Test-only: the real-editor test (tests/e2e/vscode) sets this to collect results.
  const results = process.env.SEEDLS_VSCODE_E2E_RESULTS;
  if (results && client) {
    void runEndToEndScenario(client, results);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The server settings: every `seedls.*` key except the editor-only ones. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("seedls");
  const keys = [
    "include",
    "exclude",
    "maxFileSize",
    "maxFiles",
    "maxResults",
    "checks",
    "language",
    "inlayHints",
    "followExternalSymlinks",
    "debounceMs",
  ];
  const settings: Record<string, unknown> = {};
  for (const key of keys) {
    settings[key] = config.get(key);
  }
  return settings;
}

/**
 * Plain-text documents become seed articles when their first line is a header,
 * or when the user set `seedls.include` and the file matches it (and not `seedls.exclude`).
 * The `firstLine` contribution covers files with no other association; `.txt`
 * files are claimed by plain text, hence this.
 */
function detectSeed(document: vscode.TextDocument): void {
  if (document.languageId !== "plaintext" || document.uri.scheme !== "file") {
    return;
  }
  const first = document.lineCount > 0 ? document.lineAt(0).text : "";
  if (HEADER.test(first) || matchesConfiguredGlobs(document)) {
    void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  }
}

function matchesConfiguredGlobs(document: vscode.TextDocument): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) {
    return false;
  }
  const config = vscode.workspace.getConfiguration("seedls", document.uri);
  const include = config.inspect<string[]>("include");
  // The default (`**/*.txt`) is what the server indexes; only an explicit choice
  // turns every matching file into a seed.
  const chosen = include?.workspaceFolderValue ?? include?.workspaceValue ?? include?.globalValue;
  if (!chosen || chosen.length === 0) {
    return false;
  }
  const matches = (globs: string[]) =>
    globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
  return matches(chosen) && !matches(config.get<string[]>("exclude") ?? []);
}

/** The server command: an absolute path, or a name looked up on PATH. */
function resolveServer(): string | undefined {
  const configured = vscode.workspace.getConfiguration("seedls").get<string>("server.path") || "seedls";
  if (path.isAbsolute(configured) || configured.includes(path.sep)) {
    return isExecutable(configured) ? configured : undefined;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, configured))) {
      return path.join(dir, configured);
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function start(): Promise<void> {
  const command = resolveServer();
  if (!command) {
    const configured = vscode.workspace.getConfiguration("seedls").get<string>("server.path") || "seedls";
    const message =
      `seedls: the language server \`${configured}\` was not found. ` +
      `Install it from a clone of the repository with \`${INSTALL_HINT}\` (it goes to ~/.cargo/bin, which must be on PATH), ` +
      `or set "seedls.server.path" to the binary.`;
    output.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Show Output");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "seedls.server.path");
    } else if (choice === "Show Output") {
      output.show(true);
    }
    return;
  }
  output.appendLine(`seedls: starting ${command}`);

  // vscode-languageclient appends --stdio; seedls accepts it.
  const serverOptions: ServerOptions = { command, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: "seedls" },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient("seedls", "seedls", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`seedls: the server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage(`seedls: the server failed to start (${String(error)}). See the output channel.`);
  }
}

async function restart(): Promise<void> {
  const previous = client;
  client = undefined;
  if (previous) {
    try {
      await previous.stop();
    } catch (error) {
      output.appendLine(`seedls: stopping the server failed: ${String(error)}`);
    }
  }
  await start();
}
