trigger StripeInvoiceTrigger on Stripe_Invoice__c(
  before insert,
  before update,
  after insert,
  after update,
  after delete,
  after undelete
) {
  new StripeInvoiceTriggerHandler().run();
}
