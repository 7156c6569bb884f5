import { z } from 'zod';

/**
 * The AWS answers the preflight reads, as zod shapes of the response fields it uses (other fields pass
 * unread). A live SDK answer and a recorded one (bin/preflight/replay-reader.ts) go through the same
 * shapes, so a recording is the API's own response syntax, as each operation's API reference shows it.
 */

const quota = z.object({
  ServiceCode: z.string().optional(),
  QuotaCode: z.string().optional(),
  QuotaName: z.string().optional(),
  Value: z.number().optional(),
  Unit: z.string().optional(),
  Adjustable: z.boolean().optional(),
  Period: z.object({ PeriodValue: z.number().optional(), PeriodUnit: z.string().optional() }).optional(),
});

/** https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ListServiceQuotas.html (and ListAWSDefaultServiceQuotas) */
const quotaPage = z.object({ Quotas: z.array(quota).optional(), NextToken: z.string().optional() });

export const answerShapes = {
  /** https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html */
  'sts:GetCallerIdentity': z.object({
    Account: z.string().optional(),
    Arn: z.string().optional(),
    UserId: z.string().optional(),
  }),
  /** https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html */
  'lambda:GetAccountSettings': z.object({
    AccountLimit: z
      .object({
        ConcurrentExecutions: z.number().optional(),
        UnreservedConcurrentExecutions: z.number().optional(),
      })
      .optional(),
  }),
  /** https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html */
  'sesv2:GetAccount': z.object({
    ProductionAccessEnabled: z.boolean().optional(),
    SendingEnabled: z.boolean().optional(),
    EnforcementStatus: z.string().optional(),
    SendQuota: z
      .object({
        Max24HourSend: z.number().optional(),
        MaxSendRate: z.number().optional(),
        SentLast24Hours: z.number().optional(),
      })
      .optional(),
  }),
  /** https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetEmailIdentity.html */
  'sesv2:GetEmailIdentity': z.object({
    IdentityType: z.string().optional(),
    VerifiedForSendingStatus: z.boolean().optional(),
    VerificationStatus: z.string().optional(),
    ConfigurationSetName: z.string().optional(),
  }),
  /** https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetConfigurationSet.html */
  'sesv2:GetConfigurationSet': z.object({
    ConfigurationSetName: z.string().optional(),
    SendingOptions: z.object({ SendingEnabled: z.boolean().optional() }).optional(),
  }),
  'service-quotas:ListServiceQuotas': quotaPage,
  'service-quotas:ListAWSDefaultServiceQuotas': quotaPage,
  /** https://docs.aws.amazon.com/apigateway/latest/api/API_GetAccount.html */
  'apigateway:GetAccount': z.object({ cloudwatchRoleArn: z.string().optional() }),
  /** https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html */
  'ssm:GetParameter': z.object({
    Parameter: z.object({ Name: z.string().optional(), Value: z.string().optional() }).optional(),
  }),
  /** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html */
  'cloudformation:DescribeStacks': z.object({
    Stacks: z
      .array(
        z.object({
          StackName: z.string().optional(),
          StackStatus: z.string().optional(),
          StackStatusReason: z.string().optional(),
        }),
      )
      .optional(),
  }),
} as const;

export type Operation = keyof typeof answerShapes;
export type Answer<O extends Operation> = z.output<(typeof answerShapes)[O]>;
export type QuotaPage = Answer<'service-quotas:ListServiceQuotas'>;
export type Quota = NonNullable<QuotaPage['Quotas']>[number];

/** What each operation is asked (the request fields the preflight sets). */
export interface Questions {
  'sts:GetCallerIdentity': Record<string, never>;
  'lambda:GetAccountSettings': Record<string, never>;
  'sesv2:GetAccount': Record<string, never>;
  'sesv2:GetEmailIdentity': { readonly EmailIdentity: string };
  'sesv2:GetConfigurationSet': { readonly ConfigurationSetName: string };
  'service-quotas:ListServiceQuotas': { readonly ServiceCode: string; readonly NextToken?: string };
  'service-quotas:ListAWSDefaultServiceQuotas': { readonly ServiceCode: string; readonly NextToken?: string };
  'apigateway:GetAccount': Record<string, never>;
  'ssm:GetParameter': { readonly Name: string };
  'cloudformation:DescribeStacks': { readonly StackName: string };
}

/** The port every check reads the account through: a live SDK adapter, or a recording replayed. */
export interface AccountReader {
  read<O extends Operation>(operation: O, question: Questions[O]): Promise<Answer<O>>;
}

/** Whether a name is one of the operations the preflight asks. */
export function isOperation(name: unknown): name is Operation {
  return typeof name === 'string' && Object.hasOwn(answerShapes, name);
}

/** The same shapes, typed per operation so that indexing with a generic operation keeps its answer type. */
const shapeOf: { readonly [O in Operation]: z.ZodType<Answer<O>> } = answerShapes;

/** An answer checked against its shape; a malformed one fails here with the operation named. */
export function parseAnswer<O extends Operation>(operation: O, value: unknown): Answer<O> {
  const parsed = shapeOf[operation].safeParse(value);
  if (!parsed.success)
    throw new Error(
      `${operation}: the answer does not have the API's shape: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
