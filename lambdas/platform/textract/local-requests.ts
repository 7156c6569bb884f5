import { type EndpointRequest, header, jsonBody, type RequiredCall } from '../../../local/iam/requests.ts';

/** What Textract authorises: the action on `*`, and passing the notification role a job names. */
export function textractCalls(request: EndpointRequest): RequiredCall[] {
  const operation = header(request, 'x-amz-target')?.split('.')[1];
  if (!operation) return [];
  const body = jsonBody(request);
  const channel = body.NotificationChannel as { RoleArn?: string } | undefined;
  return [
    // Textract has no resource-level permissions.
    { action: `textract:${operation}`, resource: '*' },
    ...(channel?.RoleArn
      ? [
          {
            action: 'iam:PassRole',
            resource: channel.RoleArn,
            context: { 'iam:PassedToService': 'textract.amazonaws.com' },
          },
        ]
      : []),
  ];
}
