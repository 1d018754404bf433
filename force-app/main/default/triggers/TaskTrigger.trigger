trigger TaskTrigger on Task(before update, after update) {
    new TaskTriggerHandler().run();
}
