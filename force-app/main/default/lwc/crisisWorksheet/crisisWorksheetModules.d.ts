// Types for the Apex methods crisisWorksheet calls; the platform, Jest and the gallery resolve them at runtime.

declare module '@salesforce/apex/CrisisWorksheetController.getWorksheet' {
  const getWorksheet: (params: { caseId: string }) => Promise<import('./crisisWorksheetView').Worksheet>;
  export default getWorksheet;
}

declare module '@salesforce/apex/CrisisWorksheetController.saveWorksheet' {
  const saveWorksheet: (params: {
    caseId: string;
    request: Record<string, unknown>;
    vendors: Record<string, unknown>[];
  }) => Promise<import('./crisisWorksheetView').Worksheet>;
  export default saveWorksheet;
}

declare module '@salesforce/apex/CrisisWorksheetController.createPayments' {
  const createPayments: (params: {
    caseId: string;
    payments: { vendorId: string; amount: number }[];
  }) => Promise<import('./crisisWorksheetView').Worksheet>;
  export default createPayments;
}

declare module '@salesforce/apex/CrisisWorksheetController.cancelEvent' {
  const cancelEvent: (params: { caseId: string }) => Promise<import('./crisisWorksheetView').Worksheet>;
  export default cancelEvent;
}
