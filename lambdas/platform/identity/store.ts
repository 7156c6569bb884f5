import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import { dynamo } from '../stores/client.ts';
import { conditionalWrite } from '../stores/dynamo-conditions.ts';
import type { IdentityMethod } from './signed-in.ts';

/** A session as stored: keyed by the SHA-256 of its cookie, so the table never holds a usable cookie. */
export interface StoredSession {
  readonly email: string;
  readonly method: IdentityMethod;
  readonly credentialId?: string;
  /** The CSRF token every POST of this session carries. */
  readonly csrf: string;
  /** Under `code`, the task whose code opened the session: a code proves the mailbox for that task only. */
  readonly task?: string;
  /** Epoch seconds. */
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** Epoch seconds: idle or maximum lifetime, whichever comes first (DynamoDB TTL on AWS). */
  readonly expiresAt: number;
}

/** A registered passkey (WebAuthn public key credential source, server side). */
export interface StoredPasskey {
  /** Base64url credential id. */
  readonly id: string;
  /** Base64url COSE public key. */
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly createdAt: string;
}

/** The identity store port: sessions and passkeys; a fake implements it in unit tests. */
export interface IdentityStore {
  getSession(hash: string): Promise<StoredSession | undefined>;
  putSession(hash: string, session: StoredSession): Promise<void>;
  /** Slides the idle expiry; false when the session is gone. */
  touchSession(hash: string, lastSeenAt: number, expiresAt: number): Promise<boolean>;
  passkeys(email: string): Promise<readonly StoredPasskey[]>;
  addPasskey(email: string, passkey: StoredPasskey): Promise<void>;
  /** Stores the authenticator's new signature counter. */
  setCounter(email: string, credentialId: string, counter: number): Promise<void>;
}

const sessionKey = (hash: string) => `session#${hash}`;
const passkeysKey = (email: string) => `passkeys#${email}`;

/** DynamoDB adapter on the KMS-encrypted identity table. */
export class DynamoIdentityStore implements IdentityStore {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(tables.identity.envVar),
  ) {}

  async getSession(hash: string): Promise<StoredSession | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { key: sessionKey(hash) }, ConsistentRead: true }),
    );
    return out.Item as StoredSession | undefined;
  }

  async putSession(hash: string, session: StoredSession): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { key: sessionKey(hash), ...session } }),
    );
  }

  touchSession(hash: string, lastSeenAt: number, expiresAt: number): Promise<boolean> {
    return conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { key: sessionKey(hash) },
          UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :exp',
          ConditionExpression: 'attribute_exists(#k)',
          ExpressionAttributeNames: { '#k': 'key' },
          ExpressionAttributeValues: { ':seen': lastSeenAt, ':exp': expiresAt },
        }),
      ),
    );
  }

  async passkeys(email: string): Promise<readonly StoredPasskey[]> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { key: passkeysKey(email) }, ConsistentRead: true }),
    );
    const credentials = (out.Item?.credentials ?? {}) as Record<string, StoredPasskey>;
    return Object.values(credentials);
  }

  async addPasskey(email: string, passkey: StoredPasskey): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { key: passkeysKey(email) },
        // The map is created on the first passkey; each credential is its own entry.
        UpdateExpression: 'SET credentials = if_not_exists(credentials, :empty)',
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { key: passkeysKey(email) },
        UpdateExpression: 'SET credentials.#id = :p',
        ExpressionAttributeNames: { '#id': passkey.id },
        ExpressionAttributeValues: { ':p': passkey },
      }),
    );
  }

  async setCounter(email: string, credentialId: string, counter: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { key: passkeysKey(email) },
        UpdateExpression: 'SET credentials.#id.#c = :c',
        ConditionExpression: 'attribute_exists(credentials.#id)',
        ExpressionAttributeNames: { '#id': credentialId, '#c': 'counter' },
        ExpressionAttributeValues: { ':c': counter },
      }),
    );
  }
}
