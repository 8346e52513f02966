// Real-client test: code-server (VS Code in the browser, from the npm registry) with the
// packaged extension, driven in Debian's Chromium by playwright-core. Run by
// tests/e2e/clients/vscode.sh with Node 24 and these variables:
//   CODE_SERVER, VSIX, SEEDLS_BIN, SEEDLS_E2E_WORKSPACE, SCRATCH, ARTIFACTS
// Prints `ok - ...` / `not ok - ...` lines; exits 0 only when all pass.
// Debugging knobs: SEEDLS_E2E_WAIT_MS (per step, default 30000), SEEDLS_E2E_TRACE=1
// (seedls.trace.server verbose), SEEDLS_E2E_VSCODE_SETTINGS='{"key": value}' (extra user settings).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const codeServer = env("CODE_SERVER");
const vsix = env("VSIX");
const seedls = env("SEEDLS_BIN");
const workspace = env("SEEDLS_E2E_WORKSPACE");
const scratch = env("SCRATCH");
const artifacts = env("ARTIFACTS");
const waitMs = Number(process.env.SEEDLS_E2E_WAIT_MS ?? 30000);

const person = "Nguyễn Văn Hùng";
const renamed = "Nguyễn Văn Hưng";
const article = "2024-01-tong-ket-nam.txt";
const headerFile = "2024-13-sai-ngay.txt";
const firstArticle = "2023-06-hoi-nghi-so-ket.txt";

let failures = 0;
const say = (line) => process.stdout.write(line + "\n");
const check = (ok, what, detail) => {
  if (ok) say(`ok - ${what}`);
  else {
    failures++;
    say(`not ok - ${what}${detail === undefined ? "" : `: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`}`);
  }
  return ok;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const plain = (text) => (text ?? "").replace(/&nbsp;/g, " ").replace(/\u00a0/g, " ");
const count = (text, needle) => plain(text).split(needle).length - 1;

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHttp(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {}
    await sleep(200);
  }
  return false;
}

// No marketplace: the test is offline (a refused loopback address instead of open-vsx).
const offlineGallery = JSON.stringify({ serviceUrl: "http://127.0.0.1:9/gallery", itemUrl: "http://127.0.0.1:9/items" });

async function main() {
  const userData = path.join(scratch, "code-user");
  const extensions = path.join(scratch, "code-extensions");
  const results = path.join(scratch, "results");
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.mkdirSync(path.join(userData, "Machine"), { recursive: true });
  // In code-server the window is remote: machine-scoped settings such as
  // seedls.server.path are read from the Machine settings.
  fs.writeFileSync(path.join(userData, "Machine", "settings.json"), JSON.stringify({ "seedls.server.path": seedls }, null, 2));
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(
    path.join(userData, "User", "settings.json"),
    JSON.stringify(
      {
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "workbench.colorTheme": "Default Dark Modern",
        // Noto Sans Mono has every precomposed Vietnamese letter (fonts-noto-mono).
        "editor.fontFamily": "'Noto Sans Mono', 'DejaVu Sans Mono', monospace",
        "chat.disableAIFeatures": true,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "extensions.ignoreRecommendations": true,
        "telemetry.telemetryLevel": "off",
        "seedls.server.path": seedls,
        "seedls.language": "en",
        "seedls.trace.server": process.env.SEEDLS_E2E_TRACE ? "verbose" : "off",
        ...(process.env.SEEDLS_E2E_VSCODE_SETTINGS ? JSON.parse(process.env.SEEDLS_E2E_VSCODE_SETTINGS) : {}),
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    path.join(results, "plan.json"),
    JSON.stringify({
      workspace,
      open: [headerFile, article],
      expectDiagnostics: { [headerFile]: ["header"], [article]: ["percent-change", "repeated-word"] },
      article,
      person,
      renamed,
      quickFixCode: "repeated-word",
      waitMs,
    }),
  );

  // A contributed token type whose super-type chain loops (for instance `number` with the
  // super type `number`, which redefines VS Code's own `number`) makes VS Code's lookup of
  // the type hierarchy run until it throws, and the first semantic tokens of the window
  // are dropped: no colour until an edit or a scroll.
  const manifest = JSON.parse(fs.readFileSync(new URL("../../../editors/vscode/package.json", import.meta.url), "utf8"));
  const superOf = new Map((manifest.contributes.semanticTokenTypes ?? []).map((t) => [t.id, t.superType]));
  const loops = [...superOf.keys()].filter((id) => {
    const seen = new Set();
    for (let t = id; t !== undefined && superOf.has(t); t = superOf.get(t)) {
      if (seen.has(t)) return true;
      seen.add(t);
    }
    return false;
  });
  check(loops.length === 0, "no contributed semantic token type has a super-type chain that loops", loops);

  const install = execFileSync(codeServer, ["--install-extension", vsix, "--extensions-dir", extensions, "--user-data-dir", userData], {
    encoding: "utf8",
  });
  check(/successfully installed/i.test(install), "the .vsix installs into code-server", install.trim());
  say(`# ${execFileSync(codeServer, ["--version"], { encoding: "utf8" }).split("\n")[0]}`);

  const port = await freePort();
  // detached: its own process group, killed as a whole at the end (the extension host outlives the page).
  const server = spawn(
    codeServer,
    [
      "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check",
      "--disable-workspace-trust", "--user-data-dir", userData, "--extensions-dir", extensions, workspace,
    ],
    { detached: true, stdio: ["ignore", fs.openSync(path.join(artifacts, "code-server.log"), "w"), "inherit"], env: { ...process.env, SEEDLS_VSCODE_E2E_RESULTS: results, EXTENSIONS_GALLERY: offlineGallery } },
  );
  const killServer = () => {
    try { process.kill(-server.pid, "SIGKILL"); } catch {}
  };
  process.on("exit", killServer);

  let browser;
  let page;
  try {
    check(await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000), "code-server answers /healthz");
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });

    // Open the article as a user would: click it in the Explorer.
    const row = page.locator(".explorer-folders-view .monaco-list-row", { hasText: article });
    await row.first().waitFor({ timeout: 30000 });
    await row.first().click();
    await page.locator(".monaco-editor .view-line").first().waitFor({ timeout: 20000 });

    const language = page.locator(".statusbar-item", { hasText: "Seed article" });
    check(await language.first().waitFor({ timeout: 20000 }).then(() => true, () => false), "the status bar shows the language `Seed article`");

    const squiggle = page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info");
    check(await squiggle.first().waitFor({ timeout: waitMs }).then(() => true, () => false), "the editor underlines the planted inconsistency");

    // Hover the person's name: find its on-screen box through the text nodes.
    const locateName = (name) => {
      const normal = (s) => s.replace(/\u00a0/g, " ");
      for (const line of document.querySelectorAll(".monaco-editor .view-line")) {
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let text = "";
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: text.length });
          text += normal(node.textContent);
        }
        const at = text.indexOf(name);
        if (at < 0) continue;
        const locate = (offset) => {
          const hit = nodes.filter((n) => n.start <= offset).pop();
          return [hit.node, offset - hit.start];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + name.length - 1));
        const rect = range.getBoundingClientRect();
        const span = range.startContainer.parentElement;
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, color: getComputedStyle(span).color, weight: getComputedStyle(span).fontWeight, plainColor: getComputedStyle(line.closest(".view-lines") ?? line).color };
      }
      return null;
    };
    let box = await page.evaluate(locateName, person);
    if (check(box !== null, "the person's name is on screen")) {
      // Semantic tokens arrive after the first paint: look again until they do.
      const deadline = Date.now() + waitMs;
      while (box.color === box.plainColor && Date.now() < deadline) {
        await sleep(500);
        box = (await page.evaluate(locateName, person)) ?? box;
      }
      // The colour on screen, not just tokens reaching VS Code: the name's text must differ
      // from the editor's plain text colour without any edit, scroll or re-open.
      check(box.color !== box.plainColor, "the person's name is coloured by semantic tokens on first open", box);
      // The extension's own rule for this theme (person: #4FC1FF, bold), not only the
      // fallback through the super type: its theme ids match the ones VS Code uses.
      check(box.color === "rgb(79, 193, 255)" && Number(box.weight) >= 700, "the person's name has the extension's colour for Dark Modern (#4FC1FF, bold)", box);
      await page.mouse.move(box.x, box.y);
      const hover = page.locator(".monaco-hover", { hasText: person.split(" ")[0] });
      const shown = await hover.first().waitFor({ timeout: waitMs }).then(() => true, () => false);
      const hoverText = shown ? plain(await hover.first().innerText()) : "";
      check(shown && hoverText.includes(person) && hoverText.includes("Đại tá"), "hovering the person shows the person card", hoverText || "no hover");
      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, "vscode-hover.png") });
      check(fs.statSync(path.join(artifacts, "vscode-hover.png")).size > 10000, "hover screenshot saved to test-artifacts/e2e/vscode-hover.png");
      await page.mouse.move(5, 5);
    }

    // The extension's test-only path drives the providers and reports what it saw.
    fs.writeFileSync(path.join(results, "start"), "");
    const resultsFile = path.join(results, "results.json");
    const resultsDeadline = Date.now() + 8 * waitMs;
    while (!fs.existsSync(resultsFile) && Date.now() < resultsDeadline) await sleep(200);
    if (!check(fs.existsSync(resultsFile), "the extension reported its results")) return;
    const r = JSON.parse(fs.readFileSync(resultsFile, "utf8"));
    fs.copyFileSync(resultsFile, path.join(artifacts, "vscode-results.json"));
    if (r.error) check(false, "extension scenario ran without error", r.error);

    check(Object.values(r.languages ?? {}).every((id) => id === "seed"), "seed files get language `seed`", r.languages);
    check(r.diagnostics?.[headerFile]?.includes("header"), "diagnostic `header` for `date 2024-13`", r.diagnostics);
    check(r.diagnostics?.[article]?.includes("percent-change"), "diagnostic `percent-change` for the planted 18,5%", r.diagnostics);
    const types = r.semanticTokens?.types ?? [];
    check(types.includes("person") && r.semanticTokens.count > 0, "semantic tokens reach VS Code with the seedls legend", { ...r.semanticTokens, enabled: r.semanticHighlighting });
    const hoverText = plain((r.hover ?? []).join("\n"));
    check(hoverText.includes(person) && hoverText.includes("Đại tá"), "hover provider returns the person card", hoverText);
    const def = (r.definition ?? [])[0];
    check(def && def.file.endsWith(firstArticle) && def.line === 0, "definition jumps to the first mention in the other article", r.definition);
    const refFiles = new Set((r.references ?? []).map((l) => l.file));
    check(r.references?.length === 3 && refFiles.size === 2, "references: 3 mentions in 2 articles", r.references);
    check(
      (r.quickFixTitles ?? []).length > 0 && r.quickFixApplied === true && count(r.textAfterQuickFix, "và và") === 0 && count(r.textAfterQuickFix, "kỷ luật và nâng") === 1,
      "the `repeated-word` quick fix applies",
      { titles: r.quickFixTitles, applied: r.quickFixApplied, diagnostic: r.quickFixDiagnostic },
    );
    const texts = r.textsAfterRename ?? {};
    const renamedOk =
      r.renameApplied === true &&
      Object.keys(texts).length === 2 &&
      Object.entries(texts).every(([file, text]) => count(text, person) === 0 && count(text, renamed) === (file.endsWith(firstArticle) ? 2 : 1));
    check(renamedOk, "rename applies in both articles", { files: r.renameFiles, applied: r.renameApplied });
  } finally {
    if (failures > 0 && page) {
      await page.screenshot({ path: path.join(artifacts, "vscode-failure.png") }).catch(() => {});
      say(`# screenshot of the failure: test-artifacts/e2e/vscode-failure.png`);
    }
    await browser?.close().catch(() => {});
    killServer();
  }
}

try {
  await main();
} catch (error) {
  failures++;
  say(`not ok - test script error: ${error?.stack ?? error}`);
}
say(failures === 0 ? "# all passed" : `# ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
