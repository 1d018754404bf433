trigger CrisisVendorTrigger on Crisis_Vendor__c(before insert, before delete) {
    CrisisVendorGuard.refuseWhilePaid(Trigger.isDelete ? Trigger.old : Trigger.new);
}
