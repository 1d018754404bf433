/**
 * Gallery states for the energy crisis worksheet on the Case record page. Fixtures are the component's
 * Jest data, so the gallery and the tests show the same households.
 */
import type { GalleryComponent, GalleryState } from '../types';
import qualifying from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/qualifying.json';
import notQualifying from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/notQualifying.json';
import split from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/split.json';
import noDelivery from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/noDelivery.json';
import worksheetPage2 from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/worksheetPage2.json';
import paid from '../../../force-app/main/default/lwc/crisisWorksheet/__tests__/data/paid.json';

const GET = 'CrisisWorksheetController.getWorksheet';
const CREATE = 'CrisisWorksheetController.createPayments';
// 19:00 UTC: the level 1 households received at 02:30 have 1 h 30 min left
const CLOCK = '2026-11-23T19:00:00.000Z';
const WIDTH = 900;

function state(
  id: string,
  title: string,
  sheet: { request: { Id: string } },
  apex: Record<string, unknown> = {}
): GalleryState {
  return {
    id,
    title,
    clock: CLOCK,
    width: WIDTH,
    props: { recordId: sheet.request.Id },
    apex: { [GET]: sheet, ...apex }
  };
}

const states: GalleryComponent = {
  component: 'crisisWorksheet',
  states: [
    state('crisis-worksheet-qualifying', 'Crisis worksheet: qualifying, under 2 hours left', qualifying),
    state('crisis-worksheet-not-qualifying', 'Crisis worksheet: not qualifying (tank at 20%)', notQualifying),
    state('crisis-worksheet-split', 'Crisis worksheet: 500 split between two vendors', split, {
      [CREATE]: paid
    }),
    state('crisis-worksheet-no-delivery', 'Crisis worksheet: no delivery, arrears only', noDelivery),
    state('crisis-worksheet-page-2', 'Crisis worksheet: Reasonable Payment Worksheet page 2', worksheetPage2),
    state('crisis-worksheet-paid', 'Crisis worksheet: event with payments, facts locked', paid)
  ]
};

export default states;
