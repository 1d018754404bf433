/**
 * Text a person reads in the crisis worksheet, from custom labels (labels/CustomLabels.labels-meta.xml).
 * Text with {0}-style placeholders is filled in with formatLabel.
 */
import CrisisWorksheet_CardTitle from '@salesforce/label/c.CrisisWorksheet_CardTitle';
import CrisisWorksheet_CardTitleWithCase from '@salesforce/label/c.CrisisWorksheet_CardTitleWithCase';
import CrisisWorksheet_Loading from '@salesforce/label/c.CrisisWorksheet_Loading';
import CrisisWorksheet_LoadErrorTitle from '@salesforce/label/c.CrisisWorksheet_LoadErrorTitle';
import CrisisWorksheet_EventStatus from '@salesforce/label/c.CrisisWorksheet_EventStatus';
import CrisisWorksheet_EventNew from '@salesforce/label/c.CrisisWorksheet_EventNew';
import CrisisWorksheet_DueIn from '@salesforce/label/c.CrisisWorksheet_DueIn';
import CrisisWorksheet_Overdue from '@salesforce/label/c.CrisisWorksheet_Overdue';
import CrisisWorksheet_DueSoon from '@salesforce/label/c.CrisisWorksheet_DueSoon';
import CrisisWorksheet_NotOnClock from '@salesforce/label/c.CrisisWorksheet_NotOnClock';
import CrisisWorksheet_LockedTitle from '@salesforce/label/c.CrisisWorksheet_LockedTitle';
import CrisisWorksheet_SectionRequest from '@salesforce/label/c.CrisisWorksheet_SectionRequest';
import CrisisWorksheet_SectionReasons from '@salesforce/label/c.CrisisWorksheet_SectionReasons';
import CrisisWorksheet_SectionVendors from '@salesforce/label/c.CrisisWorksheet_SectionVendors';
import CrisisWorksheet_SectionBenefit from '@salesforce/label/c.CrisisWorksheet_SectionBenefit';
import CrisisWorksheet_SectionDelivery from '@salesforce/label/c.CrisisWorksheet_SectionDelivery';
import CrisisWorksheet_SectionWorksheet from '@salesforce/label/c.CrisisWorksheet_SectionWorksheet';
import CrisisWorksheet_SectionNotes from '@salesforce/label/c.CrisisWorksheet_SectionNotes';
import CrisisWorksheet_TriageLevel from '@salesforce/label/c.CrisisWorksheet_TriageLevel';
import CrisisWorksheet_Level1 from '@salesforce/label/c.CrisisWorksheet_Level1';
import CrisisWorksheet_Level2 from '@salesforce/label/c.CrisisWorksheet_Level2';
import CrisisWorksheet_Level3 from '@salesforce/label/c.CrisisWorksheet_Level3';
import CrisisWorksheet_ReasonsClaimed from '@salesforce/label/c.CrisisWorksheet_ReasonsClaimed';
import CrisisWorksheet_InitiatedBy from '@salesforce/label/c.CrisisWorksheet_InitiatedBy';
import CrisisWorksheet_ReceivedAt from '@salesforce/label/c.CrisisWorksheet_ReceivedAt';
import CrisisWorksheet_VerifiedOn from '@salesforce/label/c.CrisisWorksheet_VerifiedOn';
import CrisisWorksheet_VerifiedOnHelp from '@salesforce/label/c.CrisisWorksheet_VerifiedOnHelp';
import CrisisWorksheet_HeatSituation from '@salesforce/label/c.CrisisWorksheet_HeatSituation';
import CrisisWorksheet_HeatingFuel from '@salesforce/label/c.CrisisWorksheet_HeatingFuel';
import CrisisWorksheet_Disconnected from '@salesforce/label/c.CrisisWorksheet_Disconnected';
import CrisisWorksheet_NoticeDate from '@salesforce/label/c.CrisisWorksheet_NoticeDate';
import CrisisWorksheet_NoticeActive from '@salesforce/label/c.CrisisWorksheet_NoticeActive';
import CrisisWorksheet_TankPercent from '@salesforce/label/c.CrisisWorksheet_TankPercent';
import CrisisWorksheet_BiofuelDays from '@salesforce/label/c.CrisisWorksheet_BiofuelDays';
import CrisisWorksheet_MemberAges from '@salesforce/label/c.CrisisWorksheet_MemberAges';
import CrisisWorksheet_HasBill from '@salesforce/label/c.CrisisWorksheet_HasBill';
import CrisisWorksheet_InDanger from '@salesforce/label/c.CrisisWorksheet_InDanger';
import CrisisWorksheet_Available from '@salesforce/label/c.CrisisWorksheet_Available';
import CrisisWorksheet_Qualifies from '@salesforce/label/c.CrisisWorksheet_Qualifies';
import CrisisWorksheet_DoesNotQualify from '@salesforce/label/c.CrisisWorksheet_DoesNotQualify';
import CrisisWorksheet_Claimed from '@salesforce/label/c.CrisisWorksheet_Claimed';
import CrisisWorksheet_NoReasonQualifies from '@salesforce/label/c.CrisisWorksheet_NoReasonQualifies';
import CrisisWorksheet_VendorName from '@salesforce/label/c.CrisisWorksheet_VendorName';
import CrisisWorksheet_VendorId from '@salesforce/label/c.CrisisWorksheet_VendorId';
import CrisisWorksheet_FuelType from '@salesforce/label/c.CrisisWorksheet_FuelType';
import CrisisWorksheet_AmountOwed from '@salesforce/label/c.CrisisWorksheet_AmountOwed';
import CrisisWorksheet_PrimaryHeatNotCredited from '@salesforce/label/c.CrisisWorksheet_PrimaryHeatNotCredited';
import CrisisWorksheet_PrimaryHeatPaidOn from '@salesforce/label/c.CrisisWorksheet_PrimaryHeatPaidOn';
import CrisisWorksheet_PrimaryHeatAvailable from '@salesforce/label/c.CrisisWorksheet_PrimaryHeatAvailable';
import CrisisWorksheet_MinimumDelivery from '@salesforce/label/c.CrisisWorksheet_MinimumDelivery';
import CrisisWorksheet_Arrears from '@salesforce/label/c.CrisisWorksheet_Arrears';
import CrisisWorksheet_OtherResources from '@salesforce/label/c.CrisisWorksheet_OtherResources';
import CrisisWorksheet_Share from '@salesforce/label/c.CrisisWorksheet_Share';
import CrisisWorksheet_Gallons from '@salesforce/label/c.CrisisWorksheet_Gallons';
import CrisisWorksheet_PricePerGallon from '@salesforce/label/c.CrisisWorksheet_PricePerGallon';
import CrisisWorksheet_DeliveryFees from '@salesforce/label/c.CrisisWorksheet_DeliveryFees';
import CrisisWorksheet_AnnualCost from '@salesforce/label/c.CrisisWorksheet_AnnualCost';
import CrisisWorksheet_AnnualCostEstimated from '@salesforce/label/c.CrisisWorksheet_AnnualCostEstimated';
import CrisisWorksheet_Bill from '@salesforce/label/c.CrisisWorksheet_Bill';
import CrisisWorksheet_AddVendor from '@salesforce/label/c.CrisisWorksheet_AddVendor';
import CrisisWorksheet_RemoveVendor from '@salesforce/label/c.CrisisWorksheet_RemoveVendor';
import CrisisWorksheet_NewVendor from '@salesforce/label/c.CrisisWorksheet_NewVendor';
import CrisisWorksheet_BenefitRow from '@salesforce/label/c.CrisisWorksheet_BenefitRow';
import CrisisWorksheet_BenefitCredit from '@salesforce/label/c.CrisisWorksheet_BenefitCredit';
import CrisisWorksheet_BenefitPart from '@salesforce/label/c.CrisisWorksheet_BenefitPart';
import CrisisWorksheet_ResolvedByPrimaryHeat from '@salesforce/label/c.CrisisWorksheet_ResolvedByPrimaryHeat';
import CrisisWorksheet_BenefitTotal from '@salesforce/label/c.CrisisWorksheet_BenefitTotal';
import CrisisWorksheet_EventResolved from '@salesforce/label/c.CrisisWorksheet_EventResolved';
import CrisisWorksheet_DeliveryYes from '@salesforce/label/c.CrisisWorksheet_DeliveryYes';
import CrisisWorksheet_DeliveryNo from '@salesforce/label/c.CrisisWorksheet_DeliveryNo';
import CrisisWorksheet_ArrearsOnly from '@salesforce/label/c.CrisisWorksheet_ArrearsOnly';
import CrisisWorksheet_NothingWithoutDelivery from '@salesforce/label/c.CrisisWorksheet_NothingWithoutDelivery';
import CrisisWorksheet_PriceDifferenceRemains from '@salesforce/label/c.CrisisWorksheet_PriceDifferenceRemains';
import CrisisWorksheet_PriceDifferenceResolve from '@salesforce/label/c.CrisisWorksheet_PriceDifferenceResolve';
import CrisisWorksheet_WorksheetPage from '@salesforce/label/c.CrisisWorksheet_WorksheetPage';
import CrisisWorksheet_Page1 from '@salesforce/label/c.CrisisWorksheet_Page1';
import CrisisWorksheet_Page2 from '@salesforce/label/c.CrisisWorksheet_Page2';
import CrisisWorksheet_MonthlyIncome from '@salesforce/label/c.CrisisWorksheet_MonthlyIncome';
import CrisisWorksheet_StatedPayment from '@salesforce/label/c.CrisisWorksheet_StatedPayment';
import CrisisWorksheet_FastTrack from '@salesforce/label/c.CrisisWorksheet_FastTrack';
import CrisisWorksheet_ExpenseHousing from '@salesforce/label/c.CrisisWorksheet_ExpenseHousing';
import CrisisWorksheet_ExpenseFood from '@salesforce/label/c.CrisisWorksheet_ExpenseFood';
import CrisisWorksheet_ExpenseTransportation from '@salesforce/label/c.CrisisWorksheet_ExpenseTransportation';
import CrisisWorksheet_ExpenseMedical from '@salesforce/label/c.CrisisWorksheet_ExpenseMedical';
import CrisisWorksheet_ExpenseOther from '@salesforce/label/c.CrisisWorksheet_ExpenseOther';
import CrisisWorksheet_ReasonablePayment from '@salesforce/label/c.CrisisWorksheet_ReasonablePayment';
import CrisisWorksheet_VendorPartRow from '@salesforce/label/c.CrisisWorksheet_VendorPartRow';
import CrisisWorksheet_VendorEligible from '@salesforce/label/c.CrisisWorksheet_VendorEligible';
import CrisisWorksheet_VendorNotEligible from '@salesforce/label/c.CrisisWorksheet_VendorNotEligible';
import CrisisWorksheet_NoWorksheetVendors from '@salesforce/label/c.CrisisWorksheet_NoWorksheetVendors';
import CrisisWorksheet_NoNotes from '@salesforce/label/c.CrisisWorksheet_NoNotes';
import CrisisWorksheet_Save from '@salesforce/label/c.CrisisWorksheet_Save';
import CrisisWorksheet_CreatePayments from '@salesforce/label/c.CrisisWorksheet_CreatePayments';
import CrisisWorksheet_CancelEvent from '@salesforce/label/c.CrisisWorksheet_CancelEvent';
import CrisisWorksheet_Working from '@salesforce/label/c.CrisisWorksheet_Working';
import CrisisWorksheet_SavedTitle from '@salesforce/label/c.CrisisWorksheet_SavedTitle';
import CrisisWorksheet_PaymentsCreatedTitle from '@salesforce/label/c.CrisisWorksheet_PaymentsCreatedTitle';
import CrisisWorksheet_CancelledTitle from '@salesforce/label/c.CrisisWorksheet_CancelledTitle';
import CrisisWorksheet_ActionErrorTitle from '@salesforce/label/c.CrisisWorksheet_ActionErrorTitle';
import CrisisWorksheet_PaymentsCreatedHelp from '@salesforce/label/c.CrisisWorksheet_PaymentsCreatedHelp';
import CrisisWorksheet_UnknownError from '@salesforce/label/c.CrisisWorksheet_UnknownError';

export const LABELS = {
  cardTitle: CrisisWorksheet_CardTitle,
  cardTitleWithCase: CrisisWorksheet_CardTitleWithCase,
  loading: CrisisWorksheet_Loading,
  loadErrorTitle: CrisisWorksheet_LoadErrorTitle,
  eventStatus: CrisisWorksheet_EventStatus,
  eventNew: CrisisWorksheet_EventNew,
  dueIn: CrisisWorksheet_DueIn,
  overdue: CrisisWorksheet_Overdue,
  dueSoon: CrisisWorksheet_DueSoon,
  notOnClock: CrisisWorksheet_NotOnClock,
  lockedTitle: CrisisWorksheet_LockedTitle,
  sectionRequest: CrisisWorksheet_SectionRequest,
  sectionReasons: CrisisWorksheet_SectionReasons,
  sectionVendors: CrisisWorksheet_SectionVendors,
  sectionBenefit: CrisisWorksheet_SectionBenefit,
  sectionDelivery: CrisisWorksheet_SectionDelivery,
  sectionWorksheet: CrisisWorksheet_SectionWorksheet,
  sectionNotes: CrisisWorksheet_SectionNotes,
  triageLevel: CrisisWorksheet_TriageLevel,
  level1: CrisisWorksheet_Level1,
  level2: CrisisWorksheet_Level2,
  level3: CrisisWorksheet_Level3,
  reasonsClaimed: CrisisWorksheet_ReasonsClaimed,
  initiatedBy: CrisisWorksheet_InitiatedBy,
  receivedAt: CrisisWorksheet_ReceivedAt,
  verifiedOn: CrisisWorksheet_VerifiedOn,
  verifiedOnHelp: CrisisWorksheet_VerifiedOnHelp,
  heatSituation: CrisisWorksheet_HeatSituation,
  heatingFuel: CrisisWorksheet_HeatingFuel,
  disconnected: CrisisWorksheet_Disconnected,
  noticeDate: CrisisWorksheet_NoticeDate,
  noticeActive: CrisisWorksheet_NoticeActive,
  tankPercent: CrisisWorksheet_TankPercent,
  biofuelDays: CrisisWorksheet_BiofuelDays,
  memberAges: CrisisWorksheet_MemberAges,
  hasBill: CrisisWorksheet_HasBill,
  inDanger: CrisisWorksheet_InDanger,
  available: CrisisWorksheet_Available,
  qualifies: CrisisWorksheet_Qualifies,
  doesNotQualify: CrisisWorksheet_DoesNotQualify,
  claimed: CrisisWorksheet_Claimed,
  noReasonQualifies: CrisisWorksheet_NoReasonQualifies,
  vendorName: CrisisWorksheet_VendorName,
  vendorId: CrisisWorksheet_VendorId,
  fuelType: CrisisWorksheet_FuelType,
  amountOwed: CrisisWorksheet_AmountOwed,
  primaryHeatNotCredited: CrisisWorksheet_PrimaryHeatNotCredited,
  primaryHeatPaidOn: CrisisWorksheet_PrimaryHeatPaidOn,
  primaryHeatAvailable: CrisisWorksheet_PrimaryHeatAvailable,
  minimumDelivery: CrisisWorksheet_MinimumDelivery,
  arrears: CrisisWorksheet_Arrears,
  otherResources: CrisisWorksheet_OtherResources,
  share: CrisisWorksheet_Share,
  gallons: CrisisWorksheet_Gallons,
  pricePerGallon: CrisisWorksheet_PricePerGallon,
  deliveryFees: CrisisWorksheet_DeliveryFees,
  annualCost: CrisisWorksheet_AnnualCost,
  annualCostEstimated: CrisisWorksheet_AnnualCostEstimated,
  bill: CrisisWorksheet_Bill,
  addVendor: CrisisWorksheet_AddVendor,
  removeVendor: CrisisWorksheet_RemoveVendor,
  newVendor: CrisisWorksheet_NewVendor,
  benefitRow: CrisisWorksheet_BenefitRow,
  benefitCredit: CrisisWorksheet_BenefitCredit,
  benefitPart: CrisisWorksheet_BenefitPart,
  resolvedByPrimaryHeat: CrisisWorksheet_ResolvedByPrimaryHeat,
  benefitTotal: CrisisWorksheet_BenefitTotal,
  eventResolved: CrisisWorksheet_EventResolved,
  deliveryYes: CrisisWorksheet_DeliveryYes,
  deliveryNo: CrisisWorksheet_DeliveryNo,
  arrearsOnly: CrisisWorksheet_ArrearsOnly,
  nothingWithoutDelivery: CrisisWorksheet_NothingWithoutDelivery,
  priceDifferenceRemains: CrisisWorksheet_PriceDifferenceRemains,
  priceDifferenceResolve: CrisisWorksheet_PriceDifferenceResolve,
  worksheetPage: CrisisWorksheet_WorksheetPage,
  page1: CrisisWorksheet_Page1,
  page2: CrisisWorksheet_Page2,
  monthlyIncome: CrisisWorksheet_MonthlyIncome,
  statedPayment: CrisisWorksheet_StatedPayment,
  fastTrack: CrisisWorksheet_FastTrack,
  expenseHousing: CrisisWorksheet_ExpenseHousing,
  expenseFood: CrisisWorksheet_ExpenseFood,
  expenseTransportation: CrisisWorksheet_ExpenseTransportation,
  expenseMedical: CrisisWorksheet_ExpenseMedical,
  expenseOther: CrisisWorksheet_ExpenseOther,
  reasonablePayment: CrisisWorksheet_ReasonablePayment,
  vendorPartRow: CrisisWorksheet_VendorPartRow,
  vendorEligible: CrisisWorksheet_VendorEligible,
  vendorNotEligible: CrisisWorksheet_VendorNotEligible,
  noWorksheetVendors: CrisisWorksheet_NoWorksheetVendors,
  noNotes: CrisisWorksheet_NoNotes,
  save: CrisisWorksheet_Save,
  createPayments: CrisisWorksheet_CreatePayments,
  cancelEvent: CrisisWorksheet_CancelEvent,
  working: CrisisWorksheet_Working,
  savedTitle: CrisisWorksheet_SavedTitle,
  paymentsCreatedTitle: CrisisWorksheet_PaymentsCreatedTitle,
  cancelledTitle: CrisisWorksheet_CancelledTitle,
  actionErrorTitle: CrisisWorksheet_ActionErrorTitle,
  paymentsCreatedHelp: CrisisWorksheet_PaymentsCreatedHelp,
  unknownError: CrisisWorksheet_UnknownError
} as const;

export type LabelKey = keyof typeof LABELS;
