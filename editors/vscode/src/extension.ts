// The planverk extension: starts `planverk lsp` for the plan folder and hands the plan files
// to it. Everything the user sees (findings, completion, hover, renames) comes from the
// server, in Swedish; this file only starts and stops it.
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration("planverk");
  let command = config.get<string>("command", "planverk");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder && (command.startsWith("./") || command.startsWith(".venv") || command.includes("/")) && !path.isAbsolute(command)) {
    command = path.join(folder, command);
  }
  const args = config.get<string[]>("args", ["lsp"]);
  return {
    command,
    args,
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder } : undefined,
  };
}

function clientOptions(): LanguageClientOptions {
  const config = vscode.workspace.getConfiguration("planverk");
  return {
    // Plan files: YAML under a plans/ folder, and the project file wherever it lies.
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: "**/plans/**/*.{yaml,yml}" },
      { scheme: "file", language: "yaml", pattern: "**/planverk.yaml" },
    ],
    initializationOptions: { debounceMs: config.get<number>("debounceMs", 250) },
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml}"),
        vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
      ],
    },
    outputChannelName: "planverk",
  };
}

async function start(): Promise<void> {
  client = new LanguageClient("planverk", "planverk", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `planverk kunde inte startas (${message}). Installera planverk (pip install planverk) ` +
        "eller ange kommandot i inställningen planverk.command."
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("planverk.restart", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("planverk")) {
        await client?.stop();
        await start();
      }
    })
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
