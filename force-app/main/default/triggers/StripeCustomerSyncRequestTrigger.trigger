trigger StripeCustomerSyncRequestTrigger on Stripe_Customer_Sync_Request__e(after insert) {
  new StripeCustomerSyncRequestSubscriber().run(Trigger.new);
}
