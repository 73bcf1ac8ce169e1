trigger StripeEventTrigger on Stripe_Event__e(after insert) {
  new StripeEventDispatcher().dispatch(Trigger.new);
}
