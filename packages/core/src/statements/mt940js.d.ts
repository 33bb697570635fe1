// mt940js 1.3.5 ships no types: the parts of its documented API (its README) that mt940.ts uses.
declare module 'mt940js' {
  export interface Mt940jsTransaction {
    date: Date;
    entryDate: Date | '';
    amount: number;
    isReversal: boolean;
    currency: string;
    details: string;
    transactionType: string;
    reference: string;
    bankReference: string;
    extraDetails: string;
    fundsCode: string;
    structuredDetails?: Record<string, string>;
  }

  export interface Mt940jsStatement {
    transactionReference: string;
    accountIdentification: string;
    number: { statement: string; sequence: string; section: string };
    openingBalanceDate: Date;
    closingBalanceDate: Date;
    currency: string;
    openingBalance: number;
    closingBalance: number;
    transactions: Mt940jsTransaction[];
  }

  export class Parser {
    constructor(options?: { no86Structure?: boolean });
    parse(data: string, withTags?: boolean): Mt940jsStatement[];
  }

  const mt940js: { Parser: typeof Parser };
  export default mt940js;
}
