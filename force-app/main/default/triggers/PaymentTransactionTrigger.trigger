trigger PaymentTransactionTrigger on Payment_Transaction__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  new PaymentTransactionTriggerHandler().run();
}
