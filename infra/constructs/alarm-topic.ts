// What pages someone: one SNS topic every alarm of every stack notifies, on alarm and on recovery
// (subscribed by `-c alarmEmail=`), and an optional cost budget. It lives in the data stack: a
// confirmed e-mail subscription is state a redeploy must not throw away.
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly alarmEmail?: string | undefined;
  readonly monthlyBudgetUsd?: number | undefined;
}

export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'alarms', { displayName: 'Serverless suite alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Notifications carry alarm names and states only. CloudWatch and Budgets cannot publish to a topic under the AWS managed key, and a customer key costs more than the alarms.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    if (props.monthlyBudgetUsd !== undefined) this.budget(props.monthlyBudgetUsd);
  }

  // The account's whole monthly cost (a personal account runs little else): mail at 80% of actual
  // spend and when the month's forecast passes the limit.
  private budget(limitUsd: number): void {
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const notify = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
    });
    const budget = new CfnBudget(this, 'budget', {
      budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: limitUsd, unit: 'USD' } },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
    // Budgets checks at create that it may publish: the policy allowing it must exist first (nothing
    // in the budget references the policy, so CloudFormation would create both at once).
    budget.node.addDependency(this.topic.node.findChild('Policy'));
  }
}

/** Points every alarm under `scope` at the topic, on alarm and on recovery (the mail that says it is over). */
export const notifyEveryAlarm = (scope: Construct, topic: ITopic): void => {
  const action = new SnsAction(topic);
  for (const c of scope.node.findAll()) {
    if (!(c instanceof Alarm)) continue;
    c.addAlarmAction(action);
    c.addOkAction(action);
  }
};
