/**
 * Stand-ins for the containers that host components on the platform. The Omni panel lives in an
 * Aura utility item that owns the Omni-Channel toolkit; here the stand-in answers the panel's
 * requests the way the toolkit would and changes the fixtures so the next refresh shows the result.
 */
import { apexAnswer, log, setApexAnswer } from './runtime';

type HostedElement = HTMLElement & Record<string, unknown>;
export type Host = (element: HostedElement) => void;

const PANEL_DATA = 'OmniPanelController.getPanelData';

interface PanelFixture {
  presence?: Record<string, unknown>;
  works?: Record<string, unknown>[];
}

function call(element: HostedElement, method: string, arg: unknown): void {
  const fn = element[method];
  if (typeof fn === 'function') (fn as (value: unknown) => void).call(element, arg);
}

const omniPanelHost: Host = (element) => {
  element.addEventListener('acceptwork', (event) => {
    const { workId, workItemId } = (event as CustomEvent<{ workId: string; workItemId: string }>).detail;
    log.hostActions.push({ action: 'acceptAgentWork', workId });
    const data = apexAnswer(PANEL_DATA) as PanelFixture;
    const work = data?.works?.find((w) => w.workId === workId);
    // The toolkit answers asynchronously; so does the stand-in.
    setTimeout(() => {
      if (!work) {
        call(element, 'toolkitResult', {
          action: 'accept',
          ok: false,
          workId,
          message: 'The offer is no longer open.'
        });
        return;
      }
      work.status = 'Opened';
      work.acceptedAt = new Date(Date.now()).toISOString();
      setApexAnswer(PANEL_DATA, data);
      call(element, 'toolkitResult', { action: 'accept', ok: true, workId });
      call(element, 'handleToolkitEvent', { type: 'workaccepted', workId, workItemId });
    }, 150);
  });

  element.addEventListener('goavailable', (event) => {
    const { statusId, statusApiName } = (event as CustomEvent<{ statusId: string; statusApiName: string }>)
      .detail;
    log.hostActions.push({ action: 'setServicePresenceStatus', statusId });
    const statusName = 'Available - Case';
    setTimeout(() => {
      const data = apexAnswer(PANEL_DATA) as PanelFixture;
      if (data?.presence) {
        Object.assign(data.presence, { online: true, statusId, statusApiName, statusName });
        setApexAnswer(PANEL_DATA, data);
      }
      call(element, 'handleToolkitEvent', { type: 'statuschanged', statusId, statusApiName, statusName });
      call(element, 'toolkitResult', { action: 'status', ok: true });
    }, 150);
  });
};

export const hosts: Record<string, Host> = { omniPanel: omniPanelHost };
