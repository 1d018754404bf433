/**
 * The Crisis rules of the FFY2014 EAP training (seed 001) as a caseworker, a supervisor or the payment
 * system meets them beyond the deck's worked examples (those are in crisis-rules.test.ts): the sentence
 * the worksheet shows for every verdict, the boundaries of dates, amounts and levels, what happens with
 * a fact that is missing or unreadable, and the order of the backlog and of the cents.
 */
import {
  backlogOrder,
  crisisNote,
  determineBenefit,
  dueSoon,
  isNonHeatElectric,
  maximumPayment,
  noteDate,
  noticeValid,
  paymentProblems,
  priceDifferenceNote,
  primaryHeatResolves,
  qualifies,
  reasonablePaymentByVendor,
  responseDue,
  splitBenefit,
  splitNote,
  timeLeftMs,
  type CrisisFacts,
  type CrisisVendorFacts
} from '../../force-app/main/default/lwc/crisisRules/crisisRules';

const REQUEST = '2014-01-08';

describe('rule 3 (slide 38): the reason a worker reads for each notice verdict', () => {
  const notice = { kind: 'non-heat' as const, requestDate: REQUEST, activeWithVendor: true };

  it('a notice without a scheduled disconnection date is not valid, and says so', () => {
    expect(noticeValid({ ...notice, kind: 'heat', scheduledDate: null })).toEqual({
      valid: false,
      why: 'The notice has no scheduled disconnection date.'
    });
  });

  it('a notice the vendor has not confirmed as still active is not valid (a cancelled notice)', () => {
    expect(noticeValid({ ...notice, scheduledDate: '2014-01-20', activeWithVendor: false })).toEqual({
      valid: false,
      why: 'The vendor has not confirmed the notice is still active (a cancelled notice is not valid).'
    });
  });

  it('a heat-related notice is valid whatever the date, and the worker is told why', () => {
    expect(noticeValid({ ...notice, kind: 'heat', scheduledDate: '2013-06-01' })).toEqual({
      valid: true,
      why: 'A heat-related notice with a scheduled date, active with the vendor, is valid whatever the date.'
    });
  });

  it('a non-heat notice dated before the request has passed', () => {
    expect(noticeValid({ ...notice, scheduledDate: '2014-01-07' })).toEqual({
      valid: false,
      why: 'A non-heat notice must be scheduled within 30 days of the request; this date has passed.'
    });
  });

  it('a valid non-heat notice states how many days after the request it is scheduled', () => {
    expect(noticeValid({ ...notice, scheduledDate: '2014-01-20' })).toEqual({
      valid: true,
      why: 'A non-heat notice scheduled 12 days after the request (within 30), active with the vendor, is valid.'
    });
  });

  it('the 30 days are calendar days across February: requested 1/31/14, scheduled 3/2/14 is day 30', () => {
    const march2 = noticeValid({ ...notice, requestDate: '2014-01-31', scheduledDate: '2014-03-02' });
    expect(march2.valid).toBe(true);
    expect(march2.why).toContain('scheduled 30 days after the request');
    expect(noticeValid({ ...notice, requestDate: '2014-01-31', scheduledDate: '2014-03-03' }).valid).toBe(
      false
    );
  });

  it('a non-heat notice whose request date is not an ISO date is not valid, and the worker is told why', () => {
    const notADate = { valid: false, why: 'The scheduled date or the request date is not a date.' };
    expect(noticeValid({ ...notice, requestDate: '', scheduledDate: '2014-01-20' })).toEqual(notADate);
    expect(noticeValid({ ...notice, requestDate: '1/8/14', scheduledDate: '2014-01-20' })).toEqual(notADate);
    // a date somewhere inside other text is not the request date
    expect(
      noticeValid({ ...notice, requestDate: 'call back 2014-01-08', scheduledDate: '2014-01-20' })
    ).toEqual(notADate);
  });
});

describe('rule 1 (slide 28): the reason a worker reads for each Crisis reason', () => {
  it('a heat-related disconnection claimed in one of the four non-heat situations names the situation', () => {
    expect(
      qualifies('Heat Related Disconnection', { disconnected: true, heatSituation: 'Heat In Rent' })
    ).toEqual({
      qualifies: false,
      why: 'Heat In Rent is one of the four non-heat situations: the home stays heated without electricity.'
    });
  });

  it('a non-heat disconnection claimed in a home that needs electricity for heat is heat-related', () => {
    expect(
      qualifies('Non-Heat Related Disconnection', {
        disconnected: true,
        heatSituation: 'Electric Needed For Heat'
      })
    ).toEqual({
      qualifies: false,
      why: 'The home needs electricity for heat, so the disconnection is heat-related.'
    });
  });

  it('a disconnection reason needs the service shut off now', () => {
    expect(qualifies('Heat Related Disconnection', { disconnected: false })).toEqual({
      qualifies: false,
      why: 'The service is not disconnected.'
    });
  });

  it('a disconnection that qualifies says whether it is heat-related or non-heat', () => {
    expect(qualifies('Heat Related Disconnection', { disconnected: true })).toEqual({
      qualifies: true,
      why: 'The service is disconnected and the disconnection is heat-related.'
    });
    expect(
      qualifies('Non-Heat Related Disconnection', {
        disconnected: true,
        heatSituation: 'Condo Association Heat'
      })
    ).toEqual({
      qualifies: true,
      why: 'The service is disconnected and the disconnection is non-heat.'
    });
  });

  it('a notice reason claimed for the wrong kind of home says which kind it is', () => {
    const notice = { scheduledDate: '2014-01-20', activeWithVendor: true };
    expect(
      qualifies('Heat Related Disconnection Notice', {
        requestDate: REQUEST,
        heatSituation: 'Municipal Steam',
        notice
      })
    ).toEqual({
      qualifies: false,
      why: 'Municipal Steam is one of the four non-heat situations: the home stays heated without electricity.'
    });
    expect(
      qualifies('Non-Heat Related Disconnection Notice', {
        requestDate: REQUEST,
        heatSituation: 'Electric Needed For Heat',
        notice
      })
    ).toEqual({
      qualifies: false,
      why: 'The home needs electricity for heat, so the notice is heat-related.'
    });
  });

  it('Less than 20 (slide 45): an unknown or unreadable tank percent does not qualify, and says so', () => {
    const unknown = { qualifies: false, why: 'The percent left in the tank is not known.' };
    expect(qualifies('Less than 20', { tankPercent: null })).toEqual(unknown);
    expect(qualifies('Less than 20', { tankPercent: Number.NaN })).toEqual(unknown);
    expect(qualifies('Less than 20', {})).toEqual(unknown);
  });

  it('Less than 20 (slide 45): a tank at 15 percent qualifies with the percent in the reason', () => {
    expect(qualifies('Less than 20', { tankPercent: 15 })).toEqual({
      qualifies: true,
      why: 'The tank is at 15%, below 20%.'
    });
  });

  it('One Week Biofuel: unknown or unreadable days left do not qualify, and say so', () => {
    const unknown = { qualifies: false, why: 'The days of biofuel left are not known.' };
    expect(qualifies('One Week Biofuel', { biofuelDays: null })).toEqual(unknown);
    expect(qualifies('One Week Biofuel', { biofuelDays: Number.NaN })).toEqual(unknown);
    expect(qualifies('One Week Biofuel', {})).toEqual(unknown);
  });

  it('One Week Biofuel: 5 days left (fewer than 7) qualifies with the days in the reason', () => {
    expect(qualifies('One Week Biofuel', { biofuelDays: 5 })).toEqual({
      qualifies: true,
      why: '5 days of biofuel are left, fewer than 7.'
    });
  });

  it('a reason that is not one of the seven is named in the refusal', () => {
    expect(qualifies('Bad Weather' as never, {}).why).toBe(
      '"Bad Weather" is not one of the seven Crisis reasons.'
    );
  });

  describe('Senior (slides 50 and 53)', () => {
    const senior: CrisisFacts = {
      memberAges: [67],
      hasBill: true,
      inDangerOfDisconnection: false,
      worksheet: [{ vendor: 'MERC', bill: 90, vendorPart: 77 }]
    };

    it('without a past-due or current energy bill, says the bill is missing', () => {
      expect(qualifies('Senior', { ...senior, hasBill: false })).toEqual({
        qualifies: false,
        why: 'The household has no past-due or current energy bill.'
      });
    });

    it('a senior household in danger of disconnection is sent to the disconnection reasons instead', () => {
      expect(qualifies('Senior', { ...senior, inDangerOfDisconnection: true })).toEqual({
        qualifies: false,
        why: 'The household is in danger of disconnection: triage it as a disconnection or notice instead.'
      });
    });

    it('with no Reasonable Payment Worksheet at all, asks for it first', () => {
      expect(qualifies('Senior', { ...senior, worksheet: undefined })).toEqual({
        qualifies: false,
        why: 'Complete the Reasonable Payment Worksheet first.'
      });
    });

    it('when every bill is within the vendor part, says the household can reasonably pay', () => {
      expect(
        qualifies('Senior', {
          ...senior,
          worksheet: [
            { vendor: 'MERC', bill: 60, vendorPart: 77 },
            { vendor: 'Rochester PU', bill: 100, vendorPart: 114 }
          ]
        })
      ).toEqual({
        qualifies: false,
        why: 'The Reasonable Payment Worksheet shows the household can reasonably pay every bill.'
      });
    });

    it('names every vendor whose bill is over its part, and only those', () => {
      expect(
        qualifies('Senior', {
          ...senior,
          worksheet: [
            { vendor: 'MERC', bill: 90, vendorPart: 77 },
            { vendor: 'Xcel', bill: 10, vendorPart: 50 },
            { vendor: 'Rochester PU', bill: 150, vendorPart: 114 }
          ]
        }).why
      ).toBe(
        'A member is 60 or older and the bill for MERC, Rochester PU is more than the household can reasonably pay.'
      );
    });

    it('a worksheet row without a vendor name is called "a vendor"', () => {
      expect(qualifies('Senior', { ...senior, worksheet: [{ bill: 90, vendorPart: 77 }] }).why).toBe(
        'A member is 60 or older and the bill for a vendor is more than the household can reasonably pay.'
      );
    });

    it('an unreadable age (not a finite number) does not make a member 60 or older', () => {
      expect(qualifies('Senior', { ...senior, memberAges: [Number.POSITIVE_INFINITY, 40] })).toEqual({
        qualifies: false,
        why: 'No household member is 60 or older.'
      });
    });
  });
});

describe('rule 2 (slide 48): a heat situation that was never recorded', () => {
  it('is not one of the four non-heat situations (the disconnection counts as heat-related)', () => {
    expect(isNonHeatElectric(null as unknown as string)).toBe(false);
    expect(isNonHeatElectric(undefined as unknown as string)).toBe(false);
    expect(
      qualifies('Heat Related Disconnection', { disconnected: true, heatSituation: null }).qualifies
    ).toBe(true);
  });
});

describe('rule 4 (slide 16): the 18/48 clock with times that are missing or unreadable', () => {
  const due = '2014-01-09T03:00:00.000Z';

  it('a request whose received time cannot be read is not put on the clock', () => {
    expect(responseDue(1, 'not a time')).toBeNull();
    expect(responseDue(2, '')).toBeNull();
  });

  it('the Omni panel may give "now" as milliseconds: one hour before a level 1 due time is due soon', () => {
    const now = Date.parse('2014-01-09T02:00:00.000Z');
    expect(timeLeftMs(due, now)).toBe(60 * 60 * 1000);
    expect(dueSoon(due, now)).toBe(true);
    expect(dueSoon(due, Date.parse('2014-01-09T00:00:00.000Z'))).toBe(false);
  });

  it('an unreadable due time or current time leaves the case off the clock, never flagged', () => {
    expect(timeLeftMs('not a time', '2014-01-09T02:00:00.000Z')).toBeNull();
    expect(timeLeftMs(due, 'not a time')).toBeNull();
    expect(dueSoon('not a time', '2014-01-09T02:00:00.000Z')).toBe(false);
  });
});

describe('rule 4 (slide 32): the backlog order', () => {
  it('emergencies are answered by due time whatever order they were logged in', () => {
    const ordered = backlogOrder([
      { id: 'level 1 due 3:00', responseDue: '2014-01-09T03:00:00.000Z', logDate: '2014-01-08' },
      { id: 'level 2 due on the 10th', responseDue: '2014-01-10T09:00:00.000Z', logDate: '2014-01-07' },
      { id: 'level 1 due 1:00', responseDue: '2014-01-09T01:00:00.000Z', logDate: '2014-01-08' }
    ]);
    expect(ordered.map((entry) => entry.id)).toEqual([
      'level 1 due 1:00',
      'level 1 due 3:00',
      'level 2 due on the 10th'
    ]);
  });

  it('applications without an emergency follow, oldest log date first, even when listed newest first', () => {
    const ordered = backlogOrder([
      { id: 'logged 12/5', responseDue: null, logDate: '2013-12-05' },
      { id: 'logged 12/3', responseDue: null, logDate: '2013-12-03' },
      { id: 'level 2', responseDue: '2014-01-10T09:00:00.000Z', logDate: '2014-01-08' },
      { id: 'logged 12/1', responseDue: null, logDate: '2013-12-01' }
    ]);
    expect(ordered.map((entry) => entry.id)).toEqual([
      'level 2',
      'logged 12/1',
      'logged 12/3',
      'logged 12/5'
    ]);
  });
});

describe('rule 5 (slide 35): Primary Heat resolves a delivered-fuel emergency only against a minimum delivery', () => {
  it('with no minimum delivery on record, no Resolved event is made, whatever Primary Heat is available', () => {
    const propane = {
      fuelType: 'Delivered Fuel' as const,
      amountOwed: 300,
      primaryHeatNotCredited: 0
    };
    expect(primaryHeatResolves(propane)).toBe(false);
    expect(primaryHeatResolves({ ...propane, minimumDelivery: 0, primaryHeatAvailable: 100 })).toBe(false);
  });
});

describe('rule 7 (slide 44): splitting the benefit', () => {
  it('when only some vendors have a share, the others take only what those cannot', () => {
    expect(
      splitBenefit(500, [
        { vendor: 'Xcel', need: 1000, share: 1 },
        { vendor: 'CPE', need: 1000 }
      ])
    ).toEqual([
      { vendor: 'Xcel', amount: 500 },
      { vendor: 'CPE', amount: 0 }
    ]);
  });

  it('the cent left over goes to the part nearest the next cent: 500 split 2 to 1 is 333.33 and 166.67', () => {
    expect(
      splitBenefit(500, [
        { vendor: 'Xcel', need: 1000, share: 2 },
        { vendor: 'CPE', need: 1000, share: 1 }
      ])
    ).toEqual([
      { vendor: 'Xcel', amount: 333.33 },
      { vendor: 'CPE', amount: 166.67 }
    ]);
  });
});

describe('rule 9 (slides 61-67): the reasonable payment shared among vendors', () => {
  it('with no vendor there is nothing to share', () => {
    expect(reasonablePaymentByVendor(77, [])).toEqual([]);
  });

  it('vendors with no annual cost on record share it equally', () => {
    expect(
      reasonablePaymentByVendor(28, [
        { vendor: 'MERC', annualCost: 0 },
        { vendor: 'Rochester PU', annualCost: 0 }
      ])
    ).toEqual([
      { vendor: 'MERC', amount: 14 },
      { vendor: 'Rochester PU', amount: 14 }
    ]);
  });

  it('a dollar short after rounding goes to the part rounded down most: 28 by 300/400/200 is 9, 13, 6', () => {
    // exact parts 9.33, 12.44, 6.22: rounded they make 27; Rochester PU's .44 is nearest the next dollar
    expect(
      reasonablePaymentByVendor(28, [
        { vendor: 'MERC', annualCost: 300 },
        { vendor: 'Rochester PU', annualCost: 400 },
        { vendor: 'Xcel', annualCost: 200 }
      ]).map((part) => part.amount)
    ).toEqual([9, 13, 6]);
  });

  it('a dollar over after rounding comes off the part rounded up most: 77 by 600/200/1000 is 26, 8, 43', () => {
    // exact parts 25.67, 8.56, 42.78: rounded they make 78; Rochester PU's 8.56 was rounded up most
    expect(
      reasonablePaymentByVendor(77, [
        { vendor: 'MERC', annualCost: 600 },
        { vendor: 'Rochester PU', annualCost: 200 },
        { vendor: 'Xcel', annualCost: 1000 }
      ]).map((part) => part.amount)
    ).toEqual([26, 8, 43]);
  });

  it('ties go to the first vendor: 2 among three equal vendors is 0, 1, 1', () => {
    expect(
      reasonablePaymentByVendor(2, [
        { vendor: 'A', annualCost: 1 },
        { vendor: 'B', annualCost: 1 },
        { vendor: 'C', annualCost: 1 }
      ]).map((part) => part.amount)
    ).toEqual([0, 1, 1]);
  });
});

describe('the benefit determination the worksheet shows', () => {
  const xcel: CrisisVendorFacts = {
    vendor: 'Xcel',
    fuelType: 'Connected Utility',
    amountOwed: 251.2,
    primaryHeatNotCredited: 100
  };

  it('a connected utility has no delivery and no arrears figures (rule 8 is for delivered fuel)', () => {
    expect(determineBenefit(500, [xcel]).vendors[0]).toMatchObject({
      delivery: null,
      arrearsPaid: null,
      arrearsRemaining: null,
      amount: 152
    });
  });

  it('slide 41: the credit under $1 is only on the account when the vendor is paid its rounded need', () => {
    const capped = determineBenefit(100, [xcel]).vendors[0];
    expect(capped).toMatchObject({ rounded: 152, amount: 100, credit: 0 });
    expect(determineBenefit(152, [xcel]).vendors[0]).toMatchObject({ amount: 152, credit: 0.8 });
  });

  it('slide 35: the event is Resolved only when Primary Heat resolves every vendor', () => {
    const propane: CrisisVendorFacts = {
      vendor: 'Ferrellgas',
      fuelType: 'Delivered Fuel',
      amountOwed: 600,
      primaryHeatNotCredited: 0,
      primaryHeatAvailable: 650,
      minimumDelivery: 600
    };
    expect(determineBenefit(500, [propane]).resolvedByPrimaryHeat).toBe(true);
    const mixed = determineBenefit(500, [propane, xcel]);
    expect(mixed.resolvedByPrimaryHeat).toBe(false);
    expect(mixed.totalPaid).toBe(152);
    expect(determineBenefit(500, []).resolvedByPrimaryHeat).toBe(false);
  });
});

describe('the Apex re-check of proposed payments', () => {
  const xcel: CrisisVendorFacts = {
    vendor: 'Xcel',
    fuelType: 'Connected Utility',
    amountOwed: 700,
    primaryHeatNotCredited: 0
  };
  const cpe: CrisisVendorFacts = { ...xcel, vendor: 'CPE', amountOwed: 400 };

  it('a connected utility is never held to a minimum delivery, even one entered by mistake', () => {
    const withMinimum = { ...xcel, amountOwed: 152, primaryHeatNotCredited: 100, minimumDelivery: 600 };
    expect(maximumPayment(withMinimum, 52)).toBe(52);
    expect(paymentProblems(500, [{ facts: withMinimum, amount: 52 }])).toEqual([]);
  });

  it('slide 44: payments adding up to exactly the Crisis money available may be created', () => {
    expect(
      paymentProblems(500, [
        { facts: xcel, amount: 250 },
        { facts: cpe, amount: 250 }
      ])
    ).toEqual([]);
    expect(
      paymentProblems(500, [
        { facts: xcel, amount: 250 },
        { facts: cpe, amount: 250.01 }
      ])
    ).toEqual(['The payments add up to 500.01, more than the 500 available.']);
  });

  it('a payment amount that is not a number is refused, never passed as zero problems', () => {
    expect(paymentProblems(500, [{ facts: xcel, amount: Number.NaN }])).toEqual([
      'Xcel: a Crisis payment must be more than zero.'
    ]);
  });
});

describe('rule 10: notes in the deck’s form', () => {
  it('a date not given as an ISO date is written as entered', () => {
    expect(noteDate('12/8/13')).toBe('12/8/13');
    expect(noteDate('week of 2013-12-08')).toBe('week of 2013-12-08');
    expect(crisisNote('12/8/13', 'Called Xcel.', 'JM')).toBe('12/8/13 Called Xcel. - JM');
  });

  it('stray spaces around the facts and the initials do not reach the note', () => {
    expect(crisisNote('2013-12-08', '  Called Xcel.  ', ' jm ')).toBe('12/8/13 Called Xcel. - JM');
  });

  it('slide 44: a split into unequal parts names each vendor’s part', () => {
    expect(
      splitNote({
        date: '2013-12-08',
        initials: 'JM',
        benefit: 500,
        vendors: [
          { vendor: 'Xcel', amountOwed: 700, amount: 300 },
          { vendor: 'CPE', amountOwed: 400, amount: 200 }
        ]
      })
    ).toBe(
      '12/8/13 Actual amount owed Xcel 700, CPE 400. HHD wants to split 500 benefit to be 300 to Xcel and 200 to CPE. - JM'
    );
  });

  it('slide 43: a price change over 10.00 is noted as one that must be resolved', () => {
    expect(
      priceDifferenceNote({
        date: '2014-01-08',
        initials: 'JM',
        vendor: 'Ferrellgas',
        verified: 600,
        delivered: 610.01
      })
    ).toBe(
      '1/8/14 Ferrellgas delivery 610.01, verified at 600: price change of 10.01 over 10.00, must be resolved. - JM'
    );
  });
});
