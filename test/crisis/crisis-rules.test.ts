/**
 * The Crisis rules of the FFY2014 EAP training (seed 001), rule by rule with their boundaries, and every
 * worked example of the deck under the slide number it appears on, so a reader can hold the test next
 * to the slide. Where the deck lost its "%" and "$" signs, issue 13 settles the reading.
 */
import {
  CRISIS_REASONS,
  DEFAULT_RESPONSE_HOURS,
  NON_HEAT_SITUATIONS,
  TRIAGE_LEVEL_VALUES,
  arrearsPayment,
  backlogOrder,
  biofuelNote,
  crisisNeed,
  crisisNote,
  deliveryAllowed,
  deliveryTotal,
  determineBenefit,
  dueSoon,
  emergencyFactsEditable,
  fastTrackSuggestion,
  initiatedNote,
  isNonHeatElectric,
  levelFromValue,
  maximumPayment,
  noticeValid,
  paymentProblems,
  priceDifferenceMayRemain,
  priceDifferenceNote,
  primaryHeatNote,
  primaryHeatResolves,
  qualifies,
  qualifyingReasons,
  reasonablePayment,
  reasonablePaymentByVendor,
  responseDue,
  roundBenefit,
  roundingNote,
  splitBenefit,
  splitNote,
  tankNote,
  timeLeftMs,
  tripChargePayment,
  vendorEligible,
  verificationDateMayChange,
  type CrisisFacts
} from '../../force-app/main/default/lwc/crisisRules/crisisRules';

const REQUEST = '2014-01-08';

describe('rule 1: the seven Crisis reasons (slide 28)', () => {
  it('are the deck’s seven, five from the application question and two entered on the Crisis tab', () => {
    expect(CRISIS_REASONS).toEqual([
      'Heat Related Disconnection',
      'Heat Related Disconnection Notice',
      'Non-Heat Related Disconnection',
      'Non-Heat Related Disconnection Notice',
      'Less than 20',
      'One Week Biofuel',
      'Senior'
    ]);
  });

  it('Less than 20: a tank below 20 percent qualifies, 20 does not (slide 45: "HHD reported 15")', () => {
    expect(qualifies('Less than 20', { tankPercent: 15 })).toMatchObject({ qualifies: true });
    expect(qualifies('Less than 20', { tankPercent: 19.9 }).qualifies).toBe(true);
    expect(qualifies('Less than 20', { tankPercent: 20 })).toEqual({
      qualifies: false,
      why: 'The tank is at 20%; it must be below 20%.'
    });
    expect(qualifies('Less than 20', {}).qualifies).toBe(false);
  });

  it('One Week Biofuel: fewer than 7 days left qualifies, 7 does not', () => {
    expect(qualifies('One Week Biofuel', { biofuelDays: 6 }).qualifies).toBe(true);
    expect(qualifies('One Week Biofuel', { biofuelDays: 7 }).qualifies).toBe(false);
    expect(qualifies('One Week Biofuel', { biofuelDays: 7 }).why).toMatch(/fewer than 7/);
  });

  it('heat-related disconnection: shut off, in a home that needs electricity for heat', () => {
    const off: CrisisFacts = { disconnected: true, heatSituation: 'Electric Needed For Heat' };
    expect(qualifies('Heat Related Disconnection', off).qualifies).toBe(true);
    expect(qualifies('Non-Heat Related Disconnection', off).qualifies).toBe(false);
    expect(qualifies('Heat Related Disconnection', { ...off, disconnected: false }).qualifies).toBe(false);
  });

  it('non-heat disconnection: shut off in one of the four situations that stay heated (slide 48)', () => {
    const off: CrisisFacts = { disconnected: true, heatSituation: 'Heat In Rent' };
    expect(qualifies('Non-Heat Related Disconnection', off)).toMatchObject({ qualifies: true });
    expect(qualifies('Heat Related Disconnection', off).qualifies).toBe(false);
  });

  it('notices: heat-related with any date, non-heat within 30 days (slide 38)', () => {
    const heat: CrisisFacts = {
      requestDate: REQUEST,
      heatSituation: 'Electric Needed For Heat',
      notice: { scheduledDate: '2013-11-01', activeWithVendor: true }
    };
    expect(qualifies('Heat Related Disconnection Notice', heat).qualifies).toBe(true);
    const nonHeat: CrisisFacts = {
      requestDate: REQUEST,
      heatSituation: 'Municipal Steam',
      notice: { scheduledDate: '2014-02-07', activeWithVendor: true }
    };
    expect(qualifies('Non-Heat Related Disconnection Notice', nonHeat).qualifies).toBe(true);
    expect(
      qualifies('Non-Heat Related Disconnection Notice', {
        ...nonHeat,
        notice: { scheduledDate: '2014-02-08', activeWithVendor: true }
      }).qualifies
    ).toBe(false);
    expect(qualifies('Heat Related Disconnection Notice', nonHeat).qualifies).toBe(false);
    expect(qualifies('Heat Related Disconnection Notice', { requestDate: REQUEST }).why).toBe(
      'There is no disconnection notice.'
    );
  });

  describe('Senior (slides 50 and 53)', () => {
    const senior: CrisisFacts = {
      memberAges: [67, 12],
      hasBill: true,
      inDangerOfDisconnection: false,
      worksheet: [{ vendor: 'MERC', bill: 31.01, vendorPart: 31 }]
    };

    it('qualifies with a member 60 or older whose bill is more than the reasonable payment', () => {
      expect(qualifies('Senior', senior)).toEqual({
        qualifies: true,
        why: 'A member is 60 or older and the bill for MERC is more than the household can reasonably pay.'
      });
      expect(qualifies('Senior', { ...senior, memberAges: [60] }).qualifies).toBe(true);
    });

    it('needs a member aged 60: 59 is not a senior', () => {
      expect(qualifies('Senior', { ...senior, memberAges: [59, 40] })).toEqual({
        qualifies: false,
        why: 'No household member is 60 or older.'
      });
    });

    it('needs a past-due or current bill, and no danger of disconnection', () => {
      expect(qualifies('Senior', { ...senior, hasBill: false }).qualifies).toBe(false);
      expect(qualifies('Senior', { ...senior, inDangerOfDisconnection: true }).qualifies).toBe(false);
    });

    it('a bill equal to the vendor part is not more than the household can pay', () => {
      expect(
        qualifies('Senior', { ...senior, worksheet: [{ vendor: 'MERC', bill: 31, vendorPart: 31 }] })
          .qualifies
      ).toBe(false);
      expect(qualifies('Senior', { ...senior, worksheet: [] }).why).toBe(
        'Complete the Reasonable Payment Worksheet first.'
      );
    });
  });

  it('lists every reason with its verdict, and refuses an unknown one', () => {
    const all = qualifyingReasons({ tankPercent: 10 });
    expect(all.filter((row) => row.qualifies).map((row) => row.reason)).toEqual(['Less than 20']);
    expect(qualifies('Bad Weather' as never, {}).qualifies).toBe(false);
  });
});

describe('rule 2: heat or non-heat electric (slide 48)', () => {
  it('the four situations where the home stays heated are non-heat', () => {
    expect(NON_HEAT_SITUATIONS).toHaveLength(4);
    for (const situation of NON_HEAT_SITUATIONS) {
      expect(isNonHeatElectric(situation)).toBe(true);
    }
    expect(isNonHeatElectric('heat in rent')).toBe(true);
    expect(['HIR', 'Condo', 'Wood no blower', 'Muni Steam'].map(isNonHeatElectric)).toEqual([
      true,
      true,
      true,
      true
    ]);
  });

  it('any other situation is heat-related', () => {
    expect(isNonHeatElectric('Electric Needed For Heat')).toBe(false);
    expect(isNonHeatElectric('Wood With Blower')).toBe(false);
    expect(isNonHeatElectric('')).toBe(false);
  });
});

describe('rule 3: disconnection notice validity (slide 38)', () => {
  const base = { requestDate: REQUEST, activeWithVendor: true };

  it('must carry a scheduled date and be active with the vendor', () => {
    expect(noticeValid({ ...base, kind: 'heat', scheduledDate: null }).valid).toBe(false);
    expect(
      noticeValid({ ...base, kind: 'heat', scheduledDate: '2014-01-20', activeWithVendor: false }).valid
    ).toBe(false);
  });

  it('a heat-related notice is valid with any date, past or future', () => {
    expect(noticeValid({ ...base, kind: 'heat', scheduledDate: '2013-06-01' }).valid).toBe(true);
    expect(noticeValid({ ...base, kind: 'heat', scheduledDate: '2014-09-01' }).valid).toBe(true);
  });

  it('a non-heat notice is valid up to day 30 after the request, not day 31, not in the past', () => {
    expect(noticeValid({ ...base, kind: 'non-heat', scheduledDate: REQUEST }).valid).toBe(true);
    expect(noticeValid({ ...base, kind: 'non-heat', scheduledDate: '2014-02-07' }).valid).toBe(true);
    const day31 = noticeValid({ ...base, kind: 'non-heat', scheduledDate: '2014-02-08' });
    expect(day31).toEqual({
      valid: false,
      why: 'A non-heat notice must be scheduled within 30 days of the request; this one is 31 days away.'
    });
    expect(noticeValid({ ...base, kind: 'non-heat', scheduledDate: '2014-01-07' }).valid).toBe(false);
  });
});

describe('rule 4: the triage clock (slide 16) and the backlog (slide 32)', () => {
  const received = '2014-01-08T09:00:00.000Z';

  it('level 1 within 18 hours, level 2 within 48, level 3 not on the clock', () => {
    expect(responseDue(1, received)).toBe('2014-01-09T03:00:00.000Z');
    expect(responseDue(2, received)).toBe('2014-01-10T09:00:00.000Z');
    expect(responseDue(3, received)).toBeNull();
    expect(DEFAULT_RESPONSE_HOURS).toEqual({ level1: 18, level2: 48 });
  });

  it('takes other hours from configuration (the deck also says 24/48)', () => {
    expect(responseDue(1, received, { level1: 24, level2: 48 })).toBe('2014-01-09T09:00:00.000Z');
  });

  it('each level is an Emergency_Level__c value; level 3 matches no routing rule', () => {
    expect(TRIAGE_LEVEL_VALUES).toEqual({
      1: 'Life-Threatening',
      2: 'Not Life-Threatening',
      3: 'Not At Risk'
    });
    expect(levelFromValue('Not Life-Threatening')).toBe(2);
    expect(levelFromValue(null)).toBeNull();
  });

  it('flags a response due in under two hours, not one due in exactly two', () => {
    const due = '2014-01-09T03:00:00.000Z';
    expect(dueSoon(due, '2014-01-09T01:00:00.000Z')).toBe(false);
    expect(dueSoon(due, '2014-01-09T01:00:01.000Z')).toBe(true);
    expect(dueSoon(due, '2014-01-09T04:00:00.000Z')).toBe(true);
    expect(timeLeftMs(due, '2014-01-09T02:00:00.000Z')).toBe(60 * 60 * 1000);
    expect(dueSoon(null, '2014-01-09T04:00:00.000Z')).toBe(false);
  });

  it('orders the backlog: emergencies by due time, then the rest by log date', () => {
    const ordered = backlogOrder([
      { id: 'old application', responseDue: null, logDate: '2013-12-01' },
      { id: 'level 2', responseDue: '2014-01-10T09:00:00.000Z', logDate: '2014-01-08' },
      { id: 'newer application', responseDue: null, logDate: '2013-12-05' },
      { id: 'level 1', responseDue: '2014-01-09T03:00:00.000Z', logDate: '2014-01-08' }
    ]);
    expect(ordered.map((entry) => entry.id)).toEqual([
      'level 1',
      'level 2',
      'old application',
      'newer application'
    ]);
  });

  it('the verification date, once recorded, never changes (slide 43)', () => {
    expect(verificationDateMayChange(null, '2014-01-08')).toBe(true);
    expect(verificationDateMayChange('2014-01-08', '2014-01-08')).toBe(true);
    expect(verificationDateMayChange('2014-01-08', '2014-01-10')).toBe(false);
  });
});

describe('rule 5: Primary Heat first (slides 35 and 40)', () => {
  it('slide 40: owed 152, 100 PH paid on 12/7 and not credited -> 52', () => {
    expect(crisisNeed({ amountOwed: 152, primaryHeatNotCredited: 100 })).toBe(52);
  });

  it('never below zero, and to the cent', () => {
    expect(crisisNeed({ amountOwed: 80, primaryHeatNotCredited: 100 })).toBe(0);
    expect(crisisNeed({ amountOwed: 151.2, primaryHeatNotCredited: 0.1 })).toBe(151.1);
  });

  it('slide 35: Primary Heat covering the minimum delivery resolves a delivered-fuel emergency', () => {
    const delivered = {
      vendor: 'Ferrellgas',
      fuelType: 'Delivered Fuel' as const,
      amountOwed: 600,
      primaryHeatNotCredited: 0
    };
    expect(primaryHeatResolves({ ...delivered, primaryHeatAvailable: 600, minimumDelivery: 600 })).toBe(true);
    expect(primaryHeatResolves({ ...delivered, primaryHeatAvailable: 599.99, minimumDelivery: 600 })).toBe(
      false
    );
    expect(
      primaryHeatResolves({ fuelType: 'Connected Utility', amountOwed: 100, primaryHeatNotCredited: 100 })
    ).toBe(true);
    const resolved = determineBenefit(500, [
      { ...delivered, primaryHeatAvailable: 650, minimumDelivery: 600 }
    ]);
    expect(resolved).toMatchObject({ resolvedByPrimaryHeat: true, totalPaid: 0 });
  });
});

describe('rule 6: rounding (slide 41)', () => {
  it('151.20 -> 152 with a credit of 0.80 on the vendor account', () => {
    expect(roundBenefit(151.2)).toEqual({ benefit: 152, credit: 0.8 });
  });

  it('whole dollars stay, one cent rounds up a whole dollar', () => {
    expect(roundBenefit(152)).toEqual({ benefit: 152, credit: 0 });
    expect(roundBenefit(151.01)).toEqual({ benefit: 152, credit: 0.99 });
    expect(roundBenefit(0)).toEqual({ benefit: 0, credit: 0 });
  });
});

describe('rule 7: split across vendors (slide 44)', () => {
  it('slide 44: 500 between Xcel owed 700 and CPE owed 400 -> 250 and 250', () => {
    expect(
      splitBenefit(500, [
        { vendor: 'Xcel', need: 700 },
        { vendor: 'CPE', need: 400 }
      ])
    ).toEqual([
      { vendor: 'Xcel', amount: 250 },
      { vendor: 'CPE', amount: 250 }
    ]);
  });

  it('no vendor gets more than its need; the rest goes to the others', () => {
    expect(
      splitBenefit(500, [
        { vendor: 'Xcel', need: 100 },
        { vendor: 'CPE', need: 700 }
      ])
    ).toEqual([
      { vendor: 'Xcel', amount: 100 },
      { vendor: 'CPE', amount: 400 }
    ]);
  });

  it('in the shares the household asks for', () => {
    expect(
      splitBenefit(400, [
        { vendor: 'Xcel', need: 1000, share: 3 },
        { vendor: 'CPE', need: 1000, share: 1 }
      ]).map((part) => part.amount)
    ).toEqual([300, 100]);
    expect(
      splitBenefit(500, [
        { vendor: 'Xcel', need: 100, share: 1 },
        { vendor: 'CPE', need: 1000 }
      ]).map((part) => part.amount)
    ).toEqual([100, 400]);
  });

  it('adds up to the total need when that is smaller than the benefit', () => {
    const parts = splitBenefit(500, [
      { vendor: 'Xcel', need: 52 },
      { vendor: 'CPE', need: 99.5 }
    ]);
    expect(parts.map((part) => part.amount)).toEqual([52, 99.5]);
  });

  it('adds up to the benefit to the cent when it does not divide evenly', () => {
    const parts = splitBenefit(500, [
      { vendor: 'A', need: 900 },
      { vendor: 'B', need: 900 },
      { vendor: 'C', need: 900 }
    ]);
    expect(parts.map((part) => part.amount)).toEqual([166.67, 166.67, 166.66]);
  });
});

describe('rule 8: delivered fuel (slides 42, 43, 46, 47)', () => {
  it('slide 46: 500 Crisis + 100 HeatShare reaches the 600 minimum delivery; 500 alone does not', () => {
    expect(deliveryAllowed({ crisis: 500, otherResources: 100, minimumDelivery: 600 })).toBe(true);
    expect(deliveryAllowed({ crisis: 500, otherResources: 0, minimumDelivery: 600 })).toBe(false);
    expect(deliveryAllowed({ crisis: 500, otherResources: 99.99, minimumDelivery: 600 })).toBe(false);
  });

  it('slide 46: arrears of 532 with 500 Crisis -> 500 paid, 32 left, even without a delivery', () => {
    expect(arrearsPayment({ arrears: 532, crisis: 500 })).toEqual({ paid: 500, remaining: 32 });
    expect(arrearsPayment({ arrears: 100, crisis: 500 })).toEqual({ paid: 100, remaining: 0 });
  });

  it('slide 46 as one determination: no delivery, the Crisis part pays arrears', () => {
    const vendor = {
      vendor: 'Ferrellgas',
      fuelType: 'Delivered Fuel' as const,
      amountOwed: 1132,
      primaryHeatNotCredited: 0,
      minimumDelivery: 600,
      arrears: 532
    };
    const alone = determineBenefit(500, [vendor]).vendors[0];
    expect(alone).toMatchObject({ delivery: false, amount: 500, arrearsPaid: 500, arrearsRemaining: 32 });
    const withHeatShare = determineBenefit(500, [{ ...vendor, otherResources: 100 }]).vendors[0];
    expect(withHeatShare).toMatchObject({ delivery: true, amount: 500, arrearsPaid: null });
  });

  it('slide 47: the delivery total is gallons x price + fees, to the cent', () => {
    expect(deliveryTotal({ gallons: 150, pricePerGallon: 3.299, fees: 25 })).toBe(519.85);
    expect(deliveryTotal({ gallons: 100.5, pricePerGallon: 2.999, fees: 0 })).toBe(301.4);
  });

  it('slide 43: a price difference of 10.00 or less may remain on the account, 10.01 may not', () => {
    expect(priceDifferenceMayRemain(10)).toBe(true);
    expect(priceDifferenceMayRemain(-10)).toBe(true);
    expect(priceDifferenceMayRemain(10.01)).toBe(false);
  });

  it('slide 42: the trip charge of an ineligible delivery comes from Primary Heat, else Crisis', () => {
    expect(tripChargePayment({ tripCharge: 75, primaryHeatAvailable: 100 })).toEqual({
      fromPrimaryHeat: 75,
      fromCrisis: 0
    });
    expect(tripChargePayment({ tripCharge: 75, primaryHeatAvailable: 0 })).toEqual({
      fromPrimaryHeat: 0,
      fromCrisis: 75
    });
  });
});

describe('rule 9: the Reasonable Payment Worksheet (slides 57-73)', () => {
  // The deck's vendor rows lost their annual costs; these two reproduce every figure it shows.
  const vendors = [
    { vendor: 'MERC', annualCost: 604 },
    { vendor: 'Rochester PU', annualCost: 896 }
  ];

  it('slide 57: page 1 pre-fills 10 percent of monthly income', () => {
    expect(fastTrackSuggestion(1150)).toBe(115);
  });

  it('slides 61-62: the household can pay 77 -> MERC 31 and Rochester PU 46', () => {
    const page1 = reasonablePayment({ page: 1, monthlyIncome: 1150, statedPayment: 77 });
    expect(page1.amount).toBe(77);
    expect(reasonablePaymentByVendor(page1.amount, vendors)).toEqual([
      { vendor: 'MERC', amount: 31 },
      { vendor: 'Rochester PU', amount: 46 }
    ]);
    expect(vendorEligible({ bill: 31.01, vendorPart: 31 })).toBe(true);
    expect(vendorEligible({ bill: 31, vendorPart: 31 })).toBe(false);
  });

  it('slides 63-67: 77 is too much, page 2 (income less expenses) gives MERC 11 and Rochester PU 17', () => {
    const page2 = reasonablePayment({
      page: 2,
      monthlyIncome: 1150,
      expenses: [
        { label: 'Rent', amount: 650 },
        { label: 'Food', amount: 250 },
        { label: 'Phone', amount: 60 },
        { label: 'Transportation', amount: 90 },
        { label: 'Medical', amount: 72 }
      ]
    });
    expect(page2).toEqual({ page: 2, amount: 28, fastTrack: 115 });
    expect(reasonablePaymentByVendor(page2.amount, vendors).map((part) => part.amount)).toEqual([11, 17]);
  });

  it('slides 68-72: Ima Senior, higher income, states 120; page 2 shows 191 -> MERC 77, Rochester PU 114', () => {
    const expenses = [
      { label: 'Rent', amount: 800 },
      { label: 'Food', amount: 300 },
      { label: 'Phone', amount: 60 },
      { label: 'Transportation', amount: 150 },
      { label: 'Medical', amount: 179 },
      { label: 'Other', amount: 100 }
    ];
    expect(fastTrackSuggestion(1780)).toBe(178);
    expect(reasonablePayment({ page: 1, monthlyIncome: 1780, statedPayment: 120 }).amount).toBe(120);
    const page2 = reasonablePayment({ page: 2, monthlyIncome: 1780, expenses });
    expect(page2.amount).toBe(191);
    const parts = reasonablePaymentByVendor(page2.amount, vendors);
    expect(parts.map((part) => part.amount)).toEqual([77, 114]);
    expect(vendorEligible({ bill: 90, vendorPart: parts[0].amount })).toBe(true);
    expect(vendorEligible({ bill: 60, vendorPart: parts[0].amount })).toBe(false);
  });

  it('slide 59: income too low leaves nothing to pay, so every bill is more than the part', () => {
    const page2 = reasonablePayment({
      page: 2,
      monthlyIncome: 900,
      expenses: [{ label: 'Rent', amount: 950 }]
    });
    expect(page2.amount).toBe(0);
    expect(vendorEligible({ bill: 1, vendorPart: 0 })).toBe(true);
  });

  it('parts are whole dollars adding up to the total; an estimated annual cost counts the same', () => {
    const parts = reasonablePaymentByVendor(100, [
      { vendor: 'A', annualCost: 1 },
      { vendor: 'B', annualCost: 1 },
      { vendor: 'C', annualCost: 1 }
    ]);
    expect(parts.map((part) => part.amount)).toEqual([34, 33, 33]);
    const halves = reasonablePaymentByVendor(99, [
      { vendor: 'A', annualCost: 500 },
      { vendor: 'B', annualCost: 500 }
    ]);
    expect(halves.map((part) => part.amount).reduce((a, b) => a + b)).toBe(99);
    const over = reasonablePaymentByVendor(2, [
      { vendor: 'A', annualCost: 1 },
      { vendor: 'B', annualCost: 1 },
      { vendor: 'C', annualCost: 1 }
    ]);
    expect(over.map((part) => part.amount).reduce((a, b) => a + b)).toBe(2);
  });
});

describe('rule 10: notes in the deck’s form', () => {
  it('slide 40: the Primary Heat adjustment note', () => {
    expect(
      primaryHeatNote({
        date: '2013-12-08',
        initials: 'jm',
        amountOwed: 152,
        primaryHeatNotCredited: 100,
        primaryHeatDate: '2013-12-07'
      })
    ).toBe(
      '12/8/13 Actual amount owed is 152. 100 PH payment on 12/7/13 but not yet credited. Entered 52 - JM'
    );
  });

  it('slide 44: the split note', () => {
    expect(
      splitNote({
        date: '2013-12-08',
        initials: 'JM',
        benefit: 500,
        vendors: [
          { vendor: 'Xcel', amountOwed: 700, amount: 250 },
          { vendor: 'CPE', amountOwed: 400, amount: 250 }
        ]
      })
    ).toBe(
      '12/8/13 Actual amount owed Xcel 700, CPE 400. HHD wants to split 500 benefit to be 250 for each. - JM'
    );
  });

  it('slide 45: tank percent and biofuel days as the household reported them', () => {
    expect(tankNote({ date: '2014-01-08', initials: 'JM', tankPercent: 15 })).toBe(
      '1/8/14 HHD reported 15% in tank. - JM'
    );
    expect(biofuelNote({ date: '2014-01-08', initials: 'JM', biofuelDays: 5 })).toBe(
      '1/8/14 HHD reported 5 days of biofuel left. - JM'
    );
  });

  it('slides 29 and 41-43: how it was initiated, rounding and price differences', () => {
    expect(initiatedNote({ date: '2014-01-08', initials: 'JM', initiatedBy: 'Phone' })).toBe(
      '1/8/14 Emergency initiated by Phone. - JM'
    );
    expect(roundingNote({ date: '2014-01-08', initials: 'JM', vendor: 'Xcel', need: 151.2 })).toBe(
      '1/8/14 Xcel need 151.20 rounded up to 152; credit of 0.80 on the account. - JM'
    );
    expect(
      priceDifferenceNote({
        date: '2014-01-08',
        initials: 'JM',
        vendor: 'Ferrellgas',
        verified: 600,
        delivered: 608.5
      })
    ).toBe(
      '1/8/14 Ferrellgas delivery 608.50, verified at 600: price change of 8.50 left on the vendor account. - JM'
    );
    expect(crisisNote('2014-01-08', 'Anything', 'ab')).toBe('1/8/14 Anything - AB');
  });
});

describe('the benefit, step by step, and the Apex re-check', () => {
  it('owed − Primary Heat = need -> rounded -> split (slides 40, 41, 44)', () => {
    const result = determineBenefit(500, [
      { vendor: 'Xcel', fuelType: 'Connected Utility', amountOwed: 700, primaryHeatNotCredited: 0 },
      { vendor: 'CPE', fuelType: 'Connected Utility', amountOwed: 400, primaryHeatNotCredited: 0 }
    ]);
    expect(result.vendors.map((row) => row.amount)).toEqual([250, 250]);
    expect(result).toMatchObject({ totalNeed: 1100, benefit: 500, totalPaid: 500 });

    const small = determineBenefit(500, [
      { vendor: 'Xcel', fuelType: 'Connected Utility', amountOwed: 251.2, primaryHeatNotCredited: 100 }
    ]);
    expect(small.vendors[0]).toMatchObject({ need: 151.2, rounded: 152, credit: 0.8, amount: 152 });
  });

  it('refuses payments over a vendor’s rounded need, over arrears without a delivery, or over what is available', () => {
    const xcel = {
      vendor: 'Xcel',
      fuelType: 'Connected Utility' as const,
      amountOwed: 152,
      primaryHeatNotCredited: 100
    };
    expect(maximumPayment(xcel, 52)).toBe(52);
    expect(paymentProblems(500, [{ facts: xcel, amount: 52 }])).toEqual([]);
    expect(paymentProblems(500, [{ facts: xcel, amount: 53 }])).toEqual([
      'Xcel: 53 is more than the rules allow (52).'
    ]);
    const propane = {
      vendor: 'Ferrellgas',
      fuelType: 'Delivered Fuel' as const,
      amountOwed: 1132,
      primaryHeatNotCredited: 0,
      minimumDelivery: 600,
      arrears: 532
    };
    expect(paymentProblems(600, [{ facts: propane, amount: 550 }])).toEqual([
      'Ferrellgas: 550 is more than the rules allow (532).'
    ]);
    expect(paymentProblems(400, [{ facts: propane, amount: 500 }])[0]).toMatch(/more than the 400 available/);
    expect(paymentProblems(400, [{ facts: xcel, amount: 0 }])).toEqual([
      'Xcel: a Crisis payment must be more than zero.'
    ]);
  });

  it('emergency facts are locked while an active event has payments (slide 30)', () => {
    expect(emergencyFactsEditable('Payments Created')).toBe(false);
    expect(emergencyFactsEditable('In Progress')).toBe(true);
    expect(emergencyFactsEditable('Cancelled')).toBe(true);
  });
});
