// Test-only code path for the real-editor test (tests/e2e/vscode). It runs only
// when SEEDLS_VSCODE_E2E_RESULTS names a folder: it waits for `start` there, reads
// `plan.json`, drives VS Code's own providers (the same ones the UI uses) and
// writes what it saw to `results.json`. The test, not this code, judges it.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

interface Plan {
  workspace: string;
  open: string[];
  expectDiagnostics: Record<string, string[]>;
  article: string;
  person: string;
  renamed: string;
  quickFixCode: string;
  waitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) {
    return "";
  }
  return typeof code === "object" ? String(code.value) : String(code);
}

function textOf(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === "string") {
    return content;
  }
  return content.value;
}

function location(loc: vscode.Location | vscode.LocationLink) {
  const uri = "targetUri" in loc ? loc.targetUri : loc.uri;
  const range = "targetUri" in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
  return { file: uri.fsPath, line: range.start.line, character: range.start.character };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!predicate() && Date.now() < deadline) {
    await sleep(100);
  }
  return predicate();
}

export async function runEndToEndScenario(client: LanguageClient, dir: string): Promise<void> {
  const results: Record<string, unknown> = {};
  const write = () => fs.writeFileSync(path.join(dir, "results.json"), JSON.stringify(results, null, 2));
  try {
    await waitFor(() => fs.existsSync(path.join(dir, "start")), 300_000);
    const plan: Plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
    const file = (name: string) => vscode.Uri.file(path.join(plan.workspace, name));
    results.clientState = client.state;

    const languages: Record<string, string> = {};
    for (const name of plan.open) {
      const document = await vscode.workspace.openTextDocument(file(name));
      await vscode.window.showTextDocument(document, { preview: false });
      await waitFor(() => document.languageId === "seed", 5_000);
      languages[name] = document.languageId;
    }
    results.languages = languages;

    const codes = () => {
      const out: Record<string, string[]> = {};
      for (const name of plan.open) {
        out[name] = vscode.languages.getDiagnostics(file(name)).map(codeOf);
      }
      return out;
    };
    await waitFor(() => {
      const now = codes();
      return Object.entries(plan.expectDiagnostics).every(([name, expected]) =>
        expected.every((code) => now[name]?.includes(code)),
      );
    }, plan.waitMs);
    results.diagnostics = codes();

    const article = await vscode.workspace.openTextDocument(file(plan.article));
    const offset = article.getText().indexOf(plan.person);
    const position = article.positionAt(offset + 2);
    results.personFound = offset >= 0;

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", article.uri, position);
    results.hover = (hovers ?? []).flatMap((hover) => hover.contents.map(textOf));

    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      "vscode.executeDefinitionProvider",
      article.uri,
      position,
    );
    results.definition = (definitions ?? []).map(location);

    const references = await vscode.commands.executeCommand<vscode.Location[]>(
      "vscode.executeReferenceProvider",
      article.uri,
      position,
    );
    results.references = (references ?? []).map(location);

    // Quick fix: the code actions offered for the planted diagnostic, the first applied.
    const target = vscode.languages.getDiagnostics(article.uri).find((d) => codeOf(d) === plan.quickFixCode);
    results.quickFixDiagnostic = target ? article.getText(target.range) : null;
    if (target) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        "vscode.executeCodeActionProvider",
        article.uri,
        target.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (actions ?? []).filter((a) => a.diagnostics?.some((d) => codeOf(d) === plan.quickFixCode) ?? true);
      results.quickFixTitles = fixes.map((a) => a.title);
      const fix = fixes[0];
      if (fix?.edit) {
        results.quickFixApplied = await vscode.workspace.applyEdit(fix.edit);
      }
      if (fix?.command) {
        await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        results.quickFixApplied = true;
      }
      results.textAfterQuickFix = article.getText();
    }

    // Rename through VS Code's rename provider, applied as the UI would.
    const renamePosition = article.positionAt(article.getText().indexOf(plan.person) + 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      "vscode.executeDocumentRenameProvider",
      article.uri,
      renamePosition,
      plan.renamed,
    );
    results.renameFiles = edit ? edit.entries().map(([uri, edits]) => ({ file: uri.fsPath, edits: edits.length })) : [];
    results.renameApplied = edit ? await vscode.workspace.applyEdit(edit) : false;
    const texts: Record<string, string> = {};
    for (const [uri] of edit?.entries() ?? []) {
      texts[uri.fsPath] = (await vscode.workspace.openTextDocument(uri)).getText();
    }
    results.textsAfterRename = texts;
  } catch (error) {
    results.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  }
  write();
}
