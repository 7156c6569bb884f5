import { Aws } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

export interface TowerDashboardProps {
  /** Prefix of the dashboard's name, e.g. `tower-dev`; the stack's region follows it. */
  readonly name: string;
  /** Each process's row, widgets in capability order. */
  readonly processRows: readonly (readonly cw.IWidget[])[];
  /** Rows below the processes' (queues, Lambda errors). */
  readonly rows: readonly (readonly cw.IWidget[])[];
}

/**
 * One dashboard for operations: a row per process (executions, documents ended, step latency, human
 * tasks), then the rows capabilities add (queues and their DLQs) and the platform's (Lambda errors).
 */
export class TowerDashboard extends Construct {
  public readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: TowerDashboardProps) {
    super(scope, id);
    // Dashboards are global per account: the region keeps the same stage in a second region from colliding.
    this.dashboard = new cw.Dashboard(this, 'Dashboard', { dashboardName: `${props.name}-${Aws.REGION}` });
    for (const row of [...props.processRows, ...props.rows]) this.dashboard.addWidgets(...row);
  }
}
