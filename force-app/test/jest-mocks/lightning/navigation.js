// Jest stand-in for lightning/navigation: records what a component asked to navigate to.
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

let navigateCalls = [];

const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      navigateCalls.push({ pageReference, replace: !!replace });
    }

    [GenerateUrl](pageReference) {
      const attributes = (pageReference && pageReference.attributes) || {};
      return Promise.resolve(
        `/lightning/r/${attributes.objectApiName || 'record'}/${attributes.recordId || ''}/view`
      );
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** Every navigation requested since the last reset, oldest first. */
const getNavigateCalls = () => navigateCalls.slice();
const resetNavigateCalls = () => {
  navigateCalls = [];
};

const CurrentPageReference = jest.fn();

module.exports = { NavigationMixin, CurrentPageReference, getNavigateCalls, resetNavigateCalls };
