import {
  APIGatewayClient,
  GetAccountCommand as GetApiGatewayAccountCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import {
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  GetAccountCommand as GetSesAccountCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import type { AccountReader, Answer, Operation, Questions } from './answers.ts';

/** Client settings besides the region (tests pass a credential provider; nothing else is needed). */
export interface ClientOptions {
  readonly credentials?: STSClientConfig['credentials'];
}

/** One client per service, made on first use (a check that never runs builds none). */
class Clients {
  private readonly made = new Map<string, { destroy(): void }>();
  constructor(private readonly config: { readonly region: string } & ClientOptions) {}

  get<C extends { destroy(): void }>(key: string, make: (config: Clients['config']) => C): C {
    const existing = this.made.get(key) as C | undefined;
    if (existing) return existing;
    const client = make(this.config);
    this.made.set(key, client);
    return client;
  }

  destroy(): void {
    for (const client of this.made.values()) client.destroy();
    this.made.clear();
  }
}

type Sender<O extends Operation> = (clients: Clients, question: Questions[O]) => Promise<Answer<O>>;

const senders: { readonly [O in Operation]: Sender<O> } = {
  'sts:GetCallerIdentity': (c) =>
    c.get('sts', (o) => new STSClient(o)).send(new GetCallerIdentityCommand({})),
  'lambda:GetAccountSettings': (c) =>
    c.get('lambda', (o) => new LambdaClient(o)).send(new GetAccountSettingsCommand({})),
  'sesv2:GetAccount': (c) => c.get('sesv2', (o) => new SESv2Client(o)).send(new GetSesAccountCommand({})),
  'sesv2:GetEmailIdentity': (c, q) =>
    c.get('sesv2', (o) => new SESv2Client(o)).send(new GetEmailIdentityCommand({ ...q })),
  'sesv2:GetConfigurationSet': (c, q) =>
    c.get('sesv2', (o) => new SESv2Client(o)).send(new GetConfigurationSetCommand({ ...q })),
  'service-quotas:ListServiceQuotas': (c, q) =>
    c.get('quotas', (o) => new ServiceQuotasClient(o)).send(new ListServiceQuotasCommand({ ...q })),
  'service-quotas:ListAWSDefaultServiceQuotas': (c, q) =>
    c.get('quotas', (o) => new ServiceQuotasClient(o)).send(new ListAWSDefaultServiceQuotasCommand({ ...q })),
  'apigateway:GetAccount': (c) =>
    c.get('apigateway', (o) => new APIGatewayClient(o)).send(new GetApiGatewayAccountCommand({})),
  'ssm:GetParameter': (c, q) => c.get('ssm', (o) => new SSMClient(o)).send(new GetParameterCommand({ ...q })),
  'cloudformation:DescribeStacks': (c, q) =>
    c.get('cloudformation', (o) => new CloudFormationClient(o)).send(new DescribeStacksCommand({ ...q })),
};

/** The account of the default credential chain (or the given credentials), in one region, read-only. */
export class SdkReader implements AccountReader {
  private readonly clients: Clients;

  constructor(region: string, options: ClientOptions = {}) {
    this.clients = new Clients({ region, ...options });
  }

  read<O extends Operation>(operation: O, question: Questions[O]): Promise<Answer<O>> {
    const send: Sender<O> = senders[operation];
    return send(this.clients, question);
  }

  close(): void {
    this.clients.destroy();
  }
}
