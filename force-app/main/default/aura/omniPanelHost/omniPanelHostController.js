({
  onInit: function (component, event, helper) {
    helper.reportCurrentStatus(component);
  },

  onLoginSuccess: function (component, event, helper) {
    helper.forward(component, { type: 'loginsuccess', statusId: event.getParam('statusId') });
    // The login event carries only the status Id; ask the toolkit for its name.
    helper.reportCurrentStatus(component);
  },

  onStatusChanged: function (component, event, helper) {
    helper.forward(component, {
      type: 'statuschanged',
      statusId: event.getParam('statusId'),
      statusName: event.getParam('statusName'),
      statusApiName: event.getParam('statusApiName')
    });
  },

  onLogout: function (component, event, helper) {
    helper.forward(component, { type: 'logout' });
  },

  onWorkAssigned: function (component, event, helper) {
    helper.forwardWork(component, event, 'workassigned');
  },

  onWorkAccepted: function (component, event, helper) {
    helper.forwardWork(component, event, 'workaccepted');
  },

  onWorkDeclined: function (component, event, helper) {
    helper.forwardWork(component, event, 'workdeclined');
  },

  onWorkClosed: function (component, event, helper) {
    helper.forwardWork(component, event, 'workclosed');
  },

  onWorkloadChanged: function (component, event, helper) {
    helper.forward(component, { type: 'workloadchanged' });
  },

  onConnectionError: function (component, event, helper) {
    helper.forward(component, { type: 'connectionerror' });
  },

  onAcceptWork: function (component, event, helper) {
    helper.acceptWork(component, event.getParam('workId'));
  },

  onGoAvailable: function (component, event, helper) {
    helper.setStatus(component, event.getParam('statusId'));
  }
});
