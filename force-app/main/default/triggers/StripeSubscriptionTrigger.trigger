trigger StripeSubscriptionTrigger on Stripe_Subscription__c(
  before insert,
  before update,
  after insert,
  after update,
  after delete,
  after undelete
) {
  new StripeSubscriptionTriggerHandler().run();
}
