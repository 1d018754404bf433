// Jest stand-in for an Omni-Channel toolkit module. The platform offers the toolkit to Aura only
// (lightning:omniToolkitAPI), so components receive its events through their Aura host; this
// stand-in exists for tests that model the host's toolkit calls.
const acceptAgentWork = jest.fn(() => Promise.resolve(true));
const declineAgentWork = jest.fn(() => Promise.resolve(true));
const closeAgentWork = jest.fn(() => Promise.resolve(true));
const getAgentWorks = jest.fn(() => Promise.resolve({ works: '[]' }));
const getAgentWorkload = jest.fn(() =>
  Promise.resolve({ configuredCapacity: 100, currentWorkload: 0, configuredInterruptibleCapacity: 0 })
);
const getServicePresenceStatusId = jest.fn(() =>
  Promise.resolve({
    statusId: '0N5000000000001',
    statusName: 'Available - Case',
    statusApiName: 'Available_Case'
  })
);
const setServicePresenceStatus = jest.fn(({ statusId } = {}) =>
  Promise.resolve({
    statusId,
    statusName: 'Available - Case',
    statusApiName: 'Available_Case',
    channels: '[]'
  })
);
const logout = jest.fn(() => Promise.resolve(true));

module.exports = {
  acceptAgentWork,
  declineAgentWork,
  closeAgentWork,
  getAgentWorks,
  getAgentWorkload,
  getServicePresenceStatusId,
  setServicePresenceStatus,
  logout
};
