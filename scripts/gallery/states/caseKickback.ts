/**
 * Gallery states for the caseKickback card on the Case record page. Fixtures are the component's
 * Jest data, so the gallery and the tests show the same case.
 */
import type { GalleryComponent } from '../types';
import viewWithTasks from '../../../force-app/main/default/lwc/caseKickback/__tests__/data/kickbackView.json';
import viewEmpty from '../../../force-app/main/default/lwc/caseKickback/__tests__/data/kickbackViewEmpty.json';
import priorWorkers from '../../../force-app/main/default/lwc/caseKickback/__tests__/data/priorWorkers.json';
import appealReviewers from '../../../force-app/main/default/lwc/caseKickback/__tests__/data/appealReviewers.json';
import escalationTiers from '../../../force-app/main/default/lwc/caseKickback/__tests__/data/escalationTiers.json';
import { labelValues } from '../../labels/customLabels';

const CASE_ID = viewWithTasks.caseId;
// a fixed day keeps the overdue follow-up and the due-date minimum the same in every screenshot
const CLOCK = '2026-03-10T14:00:00.000Z';
const WIDTH = 760;

// Names as long as some in an agency's directory: at record-page width they end in an ellipsis, and the
// whole name is the tooltip.
const viewWithLongNames = {
  ...viewWithTasks,
  tasks: viewWithTasks.tasks.map((task) =>
    task.workType === 'Kickback Rework'
      ? {
          ...task,
          ownerName: 'Maria Fernanda Gonzalez-Ramirez de la Vega',
          assignedByName: 'Alexandria Konstantinopoulou-Featherstone'
        }
      : task
  )
};

const lists = {
  'CaseKickbackController.getPriorWorkers': priorWorkers,
  'CaseKickbackController.getAppealReviewers': appealReviewers,
  'CaseKickbackController.getEscalationTiers': escalationTiers
};

const states: GalleryComponent = {
  component: 'caseKickback',
  states: [
    {
      id: 'case-kickback-with-tasks',
      title: 'Case with open and recent kickback, appeal and follow-up tasks',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID },
      apex: { ...lists, 'CaseKickbackController.getKickbackView': viewWithTasks }
    },
    {
      id: 'case-kickback-long-names',
      title: 'Tasks assigned to and by people with long names',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID },
      apex: { ...lists, 'CaseKickbackController.getKickbackView': viewWithLongNames }
    },
    {
      id: 'case-kickback-empty',
      title: 'Escalated case without kickback, appeal or follow-up tasks',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID },
      apex: { ...lists, 'CaseKickbackController.getKickbackView': viewEmpty }
    },
    {
      // The rework form is open; pressing Save shows the component's messages on their fields, and the
      // server's refusal (the case owner as rework target) is what the mocked call answers.
      id: 'case-kickback-validation-error',
      title: 'Send back for rework: input refused',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID, initialAction: 'rework' },
      apex: {
        ...lists,
        'CaseKickbackController.getKickbackView': viewWithTasks,
        'CaseKickbackController.sendBackForRework': {
          __error: { body: { message: labelValues().get('CaseKickback_TargetIsOwner') } }
        }
      }
    },
    {
      id: 'case-kickback-escalate',
      title: 'Escalate: choosing a tier',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID, initialAction: 'escalate' },
      apex: { ...lists, 'CaseKickbackController.getKickbackView': viewWithTasks }
    },
    {
      id: 'case-kickback-load-error',
      title: 'Tasks could not be loaded',
      clock: CLOCK,
      width: WIDTH,
      props: { recordId: CASE_ID },
      apex: {
        ...lists,
        'CaseKickbackController.getKickbackView': {
          __error: { body: { message: 'The case does not exist or you do not have access to it.' } }
        }
      }
    }
  ]
};

export default states;
