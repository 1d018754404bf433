({
  panel: function (component) {
    return component.find('panel');
  },

  forward: function (component, toolkitEvent) {
    var panel = this.panel(component);
    if (panel) {
      panel.handleToolkitEvent(toolkitEvent);
    }
  },

  forwardWork: function (component, event, type) {
    this.forward(component, {
      type: type,
      workId: event.getParam('workId'),
      workItemId: event.getParam('workItemId')
    });
  },

  report: function (component, result) {
    var panel = this.panel(component);
    if (panel) {
      panel.toolkitResult(result);
    }
  },

  message: function (error) {
    if (!error) {
      return '';
    }
    if (typeof error === 'string') {
      return error;
    }
    return error.message || JSON.stringify(error);
  },

  reportCurrentStatus: function (component) {
    var helper = this;
    var toolkit = component.find('omniToolkit');
    toolkit
      .getServicePresenceStatusId()
      .then(
        $A.getCallback(function (result) {
          helper.forward(component, {
            type: 'statuschanged',
            statusId: result.statusId,
            statusName: result.statusName,
            statusApiName: result.statusApiName
          });
        })
      )
      .catch(
        $A.getCallback(function () {
          // The toolkit rejects when the person is not signed in to Omni-Channel.
          helper.forward(component, { type: 'logout' });
        })
      );
  },

  acceptWork: function (component, workId) {
    var helper = this;
    var toolkit = component.find('omniToolkit');
    toolkit
      .acceptAgentWork({ workId: workId })
      .then(
        $A.getCallback(function (accepted) {
          helper.report(component, {
            action: 'accept',
            ok: accepted === true,
            workId: workId,
            message: accepted === true ? '' : 'Omni-Channel did not accept the work item.'
          });
        })
      )
      .catch(
        $A.getCallback(function (error) {
          helper.report(component, {
            action: 'accept',
            ok: false,
            workId: workId,
            message: helper.message(error)
          });
        })
      );
  },

  setStatus: function (component, statusId) {
    var helper = this;
    var toolkit = component.find('omniToolkit');
    // Signs the person in to Omni-Channel when they are offline.
    toolkit
      .setServicePresenceStatus({ statusId: statusId })
      .then(
        $A.getCallback(function (result) {
          helper.forward(component, {
            type: 'statuschanged',
            statusId: result.statusId,
            statusName: result.statusName,
            statusApiName: result.statusApiName
          });
          helper.report(component, { action: 'status', ok: true });
        })
      )
      .catch(
        $A.getCallback(function (error) {
          helper.report(component, { action: 'status', ok: false, message: helper.message(error) });
        })
      );
  }
});
