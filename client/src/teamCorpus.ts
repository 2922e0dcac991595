/**
 * The team corpus in the VS Code client: the password of the database `pinpoint.corpus.database` names, kept in
 * VS Code's SecretStorage ("Pinpoint: Set Database Password") and handed to the server in its environment at
 * start and by a notification when it changes (never in `initializationOptions`, which the client may log),
 * and the read-only view of a team corpus document (`pinpoint-db://…`, which go-to-definition opens), whose
 * text the server fetches.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DATABASE_SCHEME, databasePasswordKey, parseDatabaseUri, PASSWORDS_VARIABLE, redactDatabaseUri } from '../../server/src/db/uri';

const SECRET_PREFIX = 'pinpoint.databasePassword:';

/** The database URIs the settings name: the user's, and each workspace folder's. */
export function configuredDatabases(): string[] {
  const values = [vscode.workspace.getConfiguration('pinpoint').get<unknown>('corpus.database')];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    values.push(vscode.workspace.getConfiguration('pinpoint', folder.uri).get<unknown>('corpus.database'));
  }
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim() !== '' && !('error' in parseDatabaseUri(value))))];
}

/** The passwords kept for the configured databases. */
export async function storedPasswords(secrets: vscode.SecretStorage): Promise<{ uri: string; key: string; password: string }[]> {
  const found: { uri: string; key: string; password: string }[] = [];
  for (const uri of configuredDatabases()) {
    const key = databasePasswordKey(uri);
    const password = await secrets.get(SECRET_PREFIX + key);
    if (password) {
      found.push({ uri, key, password });
    }
  }
  return found;
}

/** The server's environment with the kept passwords (so that its first connection has them). */
export async function serverEnvironment(secrets: vscode.SecretStorage): Promise<NodeJS.ProcessEnv | undefined> {
  const passwords = await storedPasswords(secrets);
  return passwords.length === 0 ? undefined : { ...process.env, [PASSWORDS_VARIABLE]: JSON.stringify(Object.fromEntries(passwords.map(({ key, password }) => [key, password]))) };
}

/** Hands the server the kept passwords (after it started or restarted, or when the setting changed). */
export async function sendPasswords(secrets: vscode.SecretStorage, client: LanguageClient | undefined): Promise<void> {
  for (const { uri, password } of await storedPasswords(secrets)) {
    await client?.sendNotification('pinpoint/databasePassword', { uri, password });
  }
}

/** "Pinpoint: Set Database Password": asks for the password of a configured database and keeps it. */
export async function setDatabasePassword(secrets: vscode.SecretStorage, client: () => LanguageClient | undefined): Promise<void> {
  const databases = configuredDatabases();
  if (databases.length === 0) {
    void vscode.window.showInformationMessage('Pinpoint: no team corpus is configured. Set pinpoint.corpus.database to its URI (postgres://user@host/database) first.');
    return;
  }
  const uri =
    databases.length === 1
      ? databases[0]
      : (await vscode.window.showQuickPick(databases.map((database) => ({ label: redactDatabaseUri(database), database })), { placeHolder: 'Which team corpus?' }))?.database;
  if (uri === undefined) {
    return;
  }
  const password = await vscode.window.showInputBox({
    password: true,
    ignoreFocusOut: true,
    prompt: `The password for ${redactDatabaseUri(uri)} (kept in VS Code's secret storage; leave empty to forget it)`,
  });
  if (password === undefined) {
    return;
  }
  const key = databasePasswordKey(uri);
  if (password === '') {
    await secrets.delete(SECRET_PREFIX + key);
  } else {
    await secrets.store(SECRET_PREFIX + key, password);
  }
  await client()?.sendNotification('pinpoint/databasePassword', { uri, password: password === '' ? null : password });
}

/** Shows team corpus documents (`pinpoint-db://…`) read-only, with the text the server fetches. */
export function registerDatabaseDocuments(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(DATABASE_SCHEME, {
    async provideTextDocumentContent(uri) {
      const current = client();
      if (!current) {
        throw new Error('the Pinpoint language server is not running');
      }
      const answer = await current.sendRequest<{ text: string } | null>('pinpoint/databaseDocument', { uri: uri.toString() });
      if (!answer) {
        throw new Error(`the team corpus has no document ${uri.toString()}`);
      }
      return answer.text;
    },
  });
}
