// `planverk lsp` driven by the JSON-RPC library the extension's client is built on
// (vscode-languageserver-protocol, as vscode-languageclient uses it), over stdio: the server
// starts, answers initialize, publishes a PV101 for a broken goal reference and completes
// goal ids. Run with `npm test`; PLANVERK names the command (default: planverk on PATH).
"use strict";

const { test } = require("node:test");
const assert = require("node:assert");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const rpc = require("vscode-languageserver-protocol/node");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PLANVERK = process.env.PLANVERK || "planverk";

function copyPlans() {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), "planverk-vscode-"));
  fs.cpSync(path.join(ROOT, "plans"), path.join(target, "plans"), { recursive: true });
  return target;
}

test("planverk lsp över stdio med vscode-languageserver-protocol", async () => {
  const root = copyPlans();
  const server = spawn(PLANVERK, ["lsp", "--stdio"], { cwd: root });
  let stderr = "";
  server.stderr.on("data", (chunk) => (stderr += chunk));
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin)
  );
  const published = new Map();
  const waiters = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    published.set(params.uri, params.diagnostics);
    for (const waiter of waiters.splice(0)) waiter();
  });
  connection.listen();
  const until = async (what, ms = 30000) => {
    const deadline = Date.now() + ms;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`väntade förgäves; stderr: ${stderr}`);
      await new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  try {
    const init = await connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "planer" }],
      initializationOptions: { debounceMs: 10 },
    });
    assert.strictEqual(init.serverInfo.name, "planverk");
    assert.ok(init.capabilities.renameProvider);
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    const file = path.join(root, "plans", "aktivitetsplan-2025.yaml");
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, "utf8").replace("mål: krisberedskap", "mål: krisberedskapen");
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });
    await until(() => (published.get(uri) || []).length > 0);
    const [diagnostic] = published.get(uri);
    assert.strictEqual(diagnostic.code, "PV101");
    assert.match(diagnostic.message, /målet 'krisberedskapen' finns inte/);
    const line = text.split("\n").findIndex((l) => l.includes("mål: krisberedskapen"));
    const character = text.split("\n")[line].indexOf("mål: ") + 5;
    const completion = await connection.sendRequest(rpc.CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    const labels = completion.items.map((item) => item.label);
    assert.ok(labels.includes("krisberedskap"), labels.join(", "));
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
  } finally {
    connection.dispose();
    server.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
