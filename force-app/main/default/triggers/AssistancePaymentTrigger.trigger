trigger AssistancePaymentTrigger on Assistance_Payment__c(before delete) {
    PaymentDeleteGuard.refuseSubmittedPayments(Trigger.old);
}
