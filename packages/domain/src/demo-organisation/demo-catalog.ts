import type { NonHumanIdentityKind, RiskLevel } from "../inventory/identity-kinds";

/**
 * The fixed shape of Northwind, the demo company: org chart, systems, entitlements, who
 * tends to get what, and the non-human identities. The generator adds the randomness
 * (names, who holds which grant, dates); everything here stays the same for every seed so
 * the demo tells the same story.
 */

export const companyDomain = "northwind.example";
export const auditorDomain = "auditfirm.example";

export const firstNames: readonly string[] = `
  Aaron Abigail Adrian Aisha Alan Alejandro Alice Amara Andre Angela Anil Ben Bianca
  Brandon Carla Carlos Chen Chloe Daniel Deepa Diego Elena Elif Emily Emma Eric Fatima
  Felix Fiona Gabriel Grace Hannah Hassan Helen Hiroshi Ian Isabel Ivan Jack James Jasmine
  Javier Jenna Joel Jonas Julia Kai Karen Kenji Kevin Laura Leila Liam Lucas Lucy Mateo
  Maya Mei Michael Mina Nadia Naomi Nathan Nikhil Nina Noah Olga Omar Oscar Paula Peter
  Rachel Rafael Ravi Rebecca Rosa Ryan Sara Simon Sofia Sophie Tariq Thomas Tom Valeria
  Victor Wei Yara Yusuf Zoe
`
  .trim()
  .split(/\s+/);

export const lastNames: readonly string[] = `
  Abbott Adeyemi Alvarez Andersen Baker Banerjee Becker Bennett Brooks Campbell Castillo
  Chang Chavez Cohen Cruz Dubois Edwards Eriksson Evans Fernandes Fischer Foster Garcia
  Gomez Gupta Hansen Harris Hayes Hoffman Hughes Ibrahim Ito Jensen Johnson Kapoor Kaur
  Keller Khan Kim Kowalski Larsen Lopez Mahmoud Martin Mendes Meyer Mitchell Moreau Murphy
  Nakamura Nguyen Novak Nowak Ortiz Park Patel Perez Petrov Quinn Ramirez Reyes Richter
  Rossi Russo Sanchez Santos Schmidt Shah Silva Singh Sullivan Suzuki Tanaka Torres Turner
  Vargas Wagner Walsh Ward Weber Wong Yamamoto Young Zhang Ziegler
`
  .trim()
  .split(/\s+/);

export interface PersonName {
  first: string;
  last: string;
}

/** The well-known demo people; no generated person may share these names. */
export const demoPeople = {
  dana: { first: "Dana", last: "Whitfield" },
  marcus: { first: "Marcus", last: "Lee" },
  priya: { first: "Priya", last: "Raman" },
  sam: { first: "Sam", last: "Okafor" },
  avery: { first: "Avery", last: "Collins" },
} as const satisfies Record<string, PersonName>;

export type DemoPersonKey = keyof typeof demoPeople;

export const ceo = { ref: "ceo", title: "Chief Executive Officer", department: "Executive" };

export interface ExecutiveSpec {
  ref: string;
  title: string;
  department: string;
}

export const executives: ExecutiveSpec[] = [
  { ref: "cfo", title: "Chief Financial Officer", department: "Finance" },
  { ref: "cio", title: "Chief Information Officer", department: "IT" },
  { ref: "cto", title: "Chief Technology Officer", department: "Engineering" },
  { ref: "ciso", title: "Chief Information Security Officer", department: "Security" },
  { ref: "chro", title: "Chief People Officer", department: "HR" },
  { ref: "cro", title: "Chief Revenue Officer", department: "Sales" },
  { ref: "coo", title: "Chief Operating Officer", department: "Operations" },
  { ref: "general-counsel", title: "General Counsel", department: "Legal" },
];

export interface ManagerSpec {
  ref: string;
  title: string;
  department: string;
  reportsTo: string;
  /** Whose staff this manager leads when it differs from their own department. */
  team?: string;
  /** Exactly this many direct staff reports, so demo teams have a known size. */
  fixedStaff?: number;
  staffTitles?: string[];
  demoPerson?: DemoPersonKey;
}

export const managers: ManagerSpec[] = [
  // Dana's directs: Marcus, the four finance managers and five analysts (ten in all).
  {
    ref: "vp-finance",
    title: "VP Finance",
    department: "Finance",
    reportsTo: "cfo",
    fixedStaff: 5,
    staffTitles: ["Senior Financial Analyst", "Finance Business Partner"],
    demoPerson: "dana",
  },
  {
    ref: "controller",
    title: "Corporate Controller",
    department: "Finance",
    reportsTo: "vp-finance",
    team: "Accounting",
    fixedStaff: 3,
    staffTitles: ["Senior Accountant", "Technical Accounting Specialist"],
    demoPerson: "marcus",
  },
  {
    ref: "fpa-manager",
    title: "FP&A Manager",
    department: "Finance",
    reportsTo: "vp-finance",
    staffTitles: ["FP&A Analyst", "Financial Analyst"],
  },
  {
    ref: "treasury-manager",
    title: "Treasury Manager",
    department: "Finance",
    reportsTo: "vp-finance",
    staffTitles: ["Treasury Analyst", "Cash Management Analyst"],
  },
  {
    ref: "payroll-manager",
    title: "Payroll Manager",
    department: "Finance",
    reportsTo: "vp-finance",
    staffTitles: ["Payroll Specialist", "Senior Payroll Specialist"],
  },
  {
    ref: "tax-manager",
    title: "Tax Manager",
    department: "Finance",
    reportsTo: "vp-finance",
    staffTitles: ["Tax Analyst", "Senior Tax Accountant"],
  },
  {
    ref: "gl-manager",
    title: "General Ledger Accounting Manager",
    department: "Accounting",
    reportsTo: "controller",
    staffTitles: ["GL Accountant", "Staff Accountant"],
  },
  {
    ref: "revenue-accounting-manager",
    title: "Revenue Accounting Manager",
    department: "Accounting",
    reportsTo: "controller",
    staffTitles: ["Revenue Accountant", "Billing Specialist"],
  },
  {
    ref: "ap-manager",
    title: "Accounts Payable Manager",
    department: "Accounting",
    reportsTo: "controller",
    staffTitles: ["AP Specialist", "Staff Accountant"],
  },
  {
    ref: "ar-manager",
    title: "Billing & Collections Manager",
    department: "Accounting",
    reportsTo: "controller",
    staffTitles: ["AR Specialist", "Collections Analyst"],
  },
  {
    ref: "it-ops-manager",
    title: "IT Operations Manager",
    department: "IT",
    reportsTo: "cio",
    staffTitles: ["Systems Administrator", "Messaging Engineer"],
  },
  {
    ref: "infra-manager",
    title: "Infrastructure Manager",
    department: "IT",
    reportsTo: "cio",
    staffTitles: ["Infrastructure Engineer", "Cloud Engineer", "Windows Administrator"],
  },
  {
    ref: "service-desk-manager",
    title: "Service Desk Manager",
    department: "IT",
    reportsTo: "cio",
    staffTitles: ["Service Desk Analyst", "Desktop Support Technician"],
  },
  {
    ref: "enterprise-apps-manager",
    title: "Enterprise Applications Manager",
    department: "IT",
    reportsTo: "cio",
    staffTitles: ["Business Systems Analyst", "NetSuite Administrator", "Salesforce Administrator"],
  },
  {
    ref: "iam-manager",
    title: "Identity & Access Management Manager",
    department: "IT",
    reportsTo: "cio",
    staffTitles: ["IAM Engineer", "Access Administrator"],
  },
  {
    ref: "platform-manager",
    title: "Platform Engineering Manager",
    department: "Engineering",
    reportsTo: "cto",
    staffTitles: ["Platform Engineer", "Senior Platform Engineer"],
  },
  {
    ref: "sre-manager",
    title: "Site Reliability Engineering Manager",
    department: "Engineering",
    reportsTo: "cto",
    staffTitles: ["Site Reliability Engineer", "Database Reliability Engineer"],
  },
  {
    ref: "devprod-manager",
    title: "Developer Productivity Manager",
    department: "Engineering",
    reportsTo: "cto",
    staffTitles: ["Build & Release Engineer", "Software Engineer"],
  },
  {
    ref: "billing-eng-manager",
    title: "Engineering Manager, Billing",
    department: "Engineering",
    reportsTo: "cto",
  },
  {
    ref: "payments-eng-manager",
    title: "Engineering Manager, Payments",
    department: "Engineering",
    reportsTo: "cto",
  },
  {
    ref: "core-eng-manager",
    title: "Engineering Manager, Core API",
    department: "Engineering",
    reportsTo: "cto",
  },
  {
    ref: "web-eng-manager",
    title: "Engineering Manager, Web",
    department: "Engineering",
    reportsTo: "cto",
    staffTitles: ["Frontend Engineer", "Software Engineer"],
  },
  {
    ref: "qa-manager",
    title: "QA Engineering Manager",
    department: "Engineering",
    reportsTo: "cto",
    staffTitles: ["QA Engineer", "Test Automation Engineer"],
  },
  {
    ref: "it-compliance",
    title: "Director of IT Compliance",
    department: "Security",
    reportsTo: "ciso",
    fixedStaff: 3,
    staffTitles: ["IT Compliance Analyst", "SOX IT Controls Analyst"],
    demoPerson: "priya",
  },
  {
    ref: "secops-manager",
    title: "Security Operations Manager",
    department: "Security",
    reportsTo: "ciso",
    staffTitles: ["Security Analyst", "Incident Responder"],
  },
  {
    ref: "seceng-manager",
    title: "Security Engineering Manager",
    department: "Security",
    reportsTo: "ciso",
    staffTitles: ["Security Engineer", "Cloud Security Engineer"],
  },
  {
    ref: "hr-ops-manager",
    title: "HR Operations Manager",
    department: "HR",
    reportsTo: "chro",
    staffTitles: ["HR Generalist", "HR Coordinator"],
  },
  {
    ref: "talent-manager",
    title: "Talent Acquisition Manager",
    department: "HR",
    reportsTo: "chro",
    staffTitles: ["Recruiter", "Sourcer"],
  },
  {
    ref: "hris-manager",
    title: "HRIS Manager",
    department: "HR",
    reportsTo: "chro",
    staffTitles: ["HRIS Analyst", "Compensation Analyst"],
  },
  {
    ref: "sales-ops-manager",
    title: "Sales Operations Manager",
    department: "Sales",
    reportsTo: "cro",
    staffTitles: ["Sales Operations Analyst", "Deal Desk Analyst"],
  },
  {
    ref: "sales-east-manager",
    title: "Regional Sales Manager, East",
    department: "Sales",
    reportsTo: "cro",
  },
  {
    ref: "sales-west-manager",
    title: "Regional Sales Manager, West",
    department: "Sales",
    reportsTo: "cro",
  },
  {
    ref: "sales-central-manager",
    title: "Regional Sales Manager, Central",
    department: "Sales",
    reportsTo: "cro",
  },
  {
    ref: "sales-emea-manager",
    title: "Regional Sales Manager, EMEA",
    department: "Sales",
    reportsTo: "cro",
  },
  { ref: "ops-manager", title: "Operations Manager", department: "Operations", reportsTo: "coo" },
  {
    ref: "supply-chain-manager",
    title: "Supply Chain Manager",
    department: "Operations",
    reportsTo: "coo",
    staffTitles: ["Supply Chain Analyst", "Logistics Coordinator"],
  },
  {
    ref: "customer-ops-manager",
    title: "Customer Operations Manager",
    department: "Operations",
    reportsTo: "coo",
    staffTitles: ["Customer Operations Specialist", "Order Management Specialist"],
  },
  {
    ref: "legal-manager",
    title: "Associate General Counsel",
    department: "Legal",
    reportsTo: "general-counsel",
  },
  {
    ref: "procurement-manager",
    title: "Procurement Manager",
    department: "Procurement",
    reportsTo: "cfo",
  },
  {
    ref: "head-of-data",
    title: "Head of Data",
    department: "Data",
    reportsTo: "cto",
    staffTitles: ["Data Engineer", "Senior Data Engineer"],
  },
  {
    ref: "analytics-manager",
    title: "Analytics Engineering Manager",
    department: "Data",
    reportsTo: "head-of-data",
    staffTitles: ["Analytics Engineer", "BI Developer", "Data Analyst"],
  },
];

export interface DepartmentPlan {
  name: string;
  /** Generated staff (not counting executives, managers and the fixed demo staff). */
  staff: number;
  staffTitles: string[];
}

export const departmentPlans: DepartmentPlan[] = [
  { name: "Finance", staff: 19, staffTitles: ["Financial Analyst", "Senior Financial Analyst"] },
  { name: "Accounting", staff: 20, staffTitles: ["Staff Accountant", "Senior Accountant"] },
  { name: "IT", staff: 23, staffTitles: ["Systems Administrator", "IT Support Engineer"] },
  {
    name: "Engineering",
    staff: 51,
    staffTitles: ["Software Engineer", "Senior Software Engineer", "Staff Software Engineer"],
  },
  { name: "Security", staff: 8, staffTitles: ["Security Analyst", "Security Engineer"] },
  { name: "HR", staff: 8, staffTitles: ["HR Generalist", "People Partner"] },
  {
    name: "Sales",
    staff: 34,
    staffTitles: [
      "Account Executive",
      "Senior Account Executive",
      "Sales Development Representative",
      "Solutions Consultant",
    ],
  },
  { name: "Operations", staff: 14, staffTitles: ["Operations Analyst", "Operations Specialist"] },
  { name: "Legal", staff: 5, staffTitles: ["Corporate Counsel", "Paralegal", "Contracts Manager"] },
  { name: "Procurement", staff: 6, staffTitles: ["Buyer", "Senior Buyer", "Procurement Analyst"] },
  { name: "Data", staff: 11, staffTitles: ["Data Engineer", "Data Analyst"] },
];

export interface FixedStaffSpec {
  person: DemoPersonKey;
  title: string;
  department: string;
  managerRef: string;
}

export const fixedStaff: FixedStaffSpec[] = [
  { person: "sam", title: "IT Administrator", department: "IT", managerRef: "infra-manager" },
];

export interface ContractorPlan {
  department: string;
  count: number;
  titles: string[];
}

export const contractorPlans: ContractorPlan[] = [
  {
    department: "Engineering",
    count: 15,
    titles: [
      "Contract Software Engineer",
      "Contract Site Reliability Engineer",
      "Contract QA Engineer",
    ],
  },
  {
    department: "IT",
    count: 6,
    titles: ["Contract Systems Administrator", "Contract Service Desk Technician"],
  },
  { department: "Data", count: 4, titles: ["Contract Data Engineer"] },
  { department: "Accounting", count: 4, titles: ["Contract Accountant (close support)"] },
  { department: "Finance", count: 2, titles: ["Interim Financial Analyst"] },
  { department: "Sales", count: 2, titles: ["Contract Sales Development Representative"] },
  { department: "Operations", count: 2, titles: ["Contract Operations Analyst"] },
];

/** A system a group of people tends to have an account on, and how much they tend to hold. */
export type AccessLevel = 1 | 2 | 3; // 1 user, 2 power user, 3 administrator
export type AccessRule = readonly [systemKey: string, probability: number, level: AccessLevel];

export interface VendorPlan {
  vendor: string;
  domain: string;
  department: string;
  count: number;
  titles: string[];
  managerRefs: string[];
  access: AccessRule[];
}

export const vendorPlans: VendorPlan[] = [
  {
    // The outsourced MSP that runs Windows, Azure and endpoints: third-party admins.
    vendor: "Corvid Managed Services",
    domain: "corvid-msp.example",
    department: "IT",
    count: 10,
    titles: [
      "MSP Systems Engineer",
      "MSP Windows Administrator",
      "MSP Cloud Engineer",
      "MSP Service Desk Analyst",
    ],
    managerRefs: ["infra-manager", "it-ops-manager"],
    access: [
      ["active-directory", 1, 3],
      ["azure-production", 0.8, 3],
      ["intune", 0.9, 3],
      ["exchange-online", 0.8, 3],
      ["cyberark", 1, 2],
      ["servicenow", 1, 2],
      ["okta", 1, 2],
    ],
  },
  {
    vendor: "Ledgerline Payroll Services",
    domain: "ledgerline.example",
    department: "Finance",
    count: 3,
    titles: ["Payroll Bureau Specialist"],
    managerRefs: ["payroll-manager"],
    access: [
      ["adp-payroll", 1, 3],
      ["workday-hcm", 0.7, 1],
    ],
  },
  {
    vendor: "Kestrel Consulting",
    domain: "kestrel-consulting.example",
    department: "IT",
    count: 2,
    titles: ["NetSuite Consultant"],
    managerRefs: ["enterprise-apps-manager"],
    access: [
      ["netsuite-erp", 1, 3],
      ["general-ledger", 0.7, 3],
      ["onestream-consolidation", 0.5, 2],
    ],
  },
];

/**
 * How likely a person is to hold an entitlement, given the access level of their account:
 * `all` is the birthright every account gets, `member` goes to the listed departments,
 * `power`/`admin` scale with the level, `manager` goes to people who lead others, and `nhi`
 * is held only by non-human identities.
 */
export type Audience = "all" | "member" | "power" | "manager" | "admin" | "nhi";

export type UsernameStyle = "email" | "dotted" | "initial" | "underscore" | "hyphen";

export interface EntitlementSpec {
  key: string;
  name: string;
  description: string;
  privileged: boolean;
  risk: RiskLevel;
  audience: Audience;
  onlyFor?: string[];
  /** Manager ref of the owner when not the system owner. */
  ownerRef?: string;
}

export interface SystemSpec {
  key: string;
  name: string;
  description: string;
  ownerRef: string;
  criticality: RiskLevel;
  soxInScope: boolean;
  /** In scope of the financial systems user access review (ITGC-AC-04). */
  financial: boolean;
  usernameStyle: UsernameStyle;
  entitlements: EntitlementSpec[];
}

function ent(
  key: string,
  name: string,
  audience: Audience,
  privileged: boolean,
  risk: RiskLevel,
  description: string,
  extra: Pick<EntitlementSpec, "onlyFor" | "ownerRef"> = {},
): EntitlementSpec {
  return { key, name, description, privileged, risk, audience, ...extra };
}

const financeDepartments = ["Finance", "Accounting"];

export const systemSpecs: SystemSpec[] = [
  {
    key: "netsuite-erp",
    name: "NetSuite ERP",
    description:
      "Order-to-cash and procure-to-pay subledgers, vendor master and customer invoicing.",
    ownerRef: "vp-finance",
    criticality: "critical",
    soxInScope: true,
    financial: true,
    usernameStyle: "email",
    entitlements: [
      ent(
        "read-only",
        "Read only",
        "all",
        false,
        "low",
        "View transactions, records and saved searches.",
      ),
      ent(
        "ap-clerk",
        "AP clerk",
        "power",
        false,
        "medium",
        "Enter and edit vendor bills and bill credits.",
        { ownerRef: "ap-manager" },
      ),
      ent(
        "ar-clerk",
        "AR clerk",
        "power",
        false,
        "medium",
        "Enter invoices, customer payments and credit memos.",
        { ownerRef: "ar-manager" },
      ),
      ent(
        "period-close",
        "Accounting period close",
        "manager",
        false,
        "high",
        "Close and reopen accounting periods.",
      ),
      ent(
        "vendor-master-maintenance",
        "Vendor master maintenance",
        "manager",
        true,
        "critical",
        "Create vendors and change vendor bank details.",
      ),
      ent(
        "ap-payment-release",
        "AP payment release",
        "manager",
        true,
        "critical",
        "Approve and release vendor payment runs.",
      ),
      ent(
        "administrator",
        "Administrator",
        "admin",
        true,
        "critical",
        "Full account administration: roles, scripts, workflows and setup.",
      ),
      ent(
        "web-services-integration",
        "Web services integration",
        "nhi",
        true,
        "high",
        "SuiteTalk/REST integration role with read-write access to transactions.",
      ),
    ],
  },
  {
    key: "general-ledger",
    name: "Sage Intacct General Ledger",
    description:
      "Chart of accounts, journal entries and the trial balance behind the financial statements.",
    ownerRef: "gl-manager",
    criticality: "critical",
    soxInScope: true,
    financial: true,
    usernameStyle: "dotted",
    entitlements: [
      ent("gl-inquiry", "GL inquiry", "all", false, "low", "View balances, journals and reports."),
      ent(
        "gl-journal-entry",
        "GL journal entry",
        "power",
        false,
        "high",
        "Create and submit manual journal entries.",
      ),
      ent(
        "recurring-journal-setup",
        "Recurring journal setup",
        "power",
        false,
        "medium",
        "Maintain recurring and allocation journal templates.",
      ),
      ent(
        "chart-of-accounts-maintenance",
        "Chart of accounts maintenance",
        "manager",
        false,
        "high",
        "Add and change GL accounts and dimensions.",
        { ownerRef: "controller" },
      ),
      ent(
        "gl-journal-approver",
        "GL journal approver",
        "manager",
        true,
        "critical",
        "Approve and post manual journal entries.",
        { ownerRef: "controller" },
      ),
      ent(
        "gl-administrator",
        "GL administrator",
        "admin",
        true,
        "critical",
        "Company setup, users, roles and approval workflows.",
      ),
    ],
  },
  {
    key: "adp-payroll",
    name: "ADP Workforce Now Payroll",
    description: "Payroll calculation, tax filings and net pay disbursement.",
    ownerRef: "payroll-manager",
    criticality: "critical",
    soxInScope: true,
    financial: true,
    usernameStyle: "email",
    entitlements: [
      ent(
        "payroll-reports-viewer",
        "Payroll reports viewer",
        "all",
        false,
        "low",
        "Run payroll registers and standard reports.",
      ),
      ent(
        "payroll-processor",
        "Payroll processor",
        "power",
        false,
        "high",
        "Enter pay data and preview payroll runs.",
      ),
      ent(
        "bank-details-change",
        "Employee bank details change",
        "manager",
        false,
        "high",
        "Change where an employee's net pay is deposited.",
      ),
      ent(
        "payroll-approver",
        "Payroll approver",
        "manager",
        true,
        "critical",
        "Approve and submit payroll for funding.",
      ),
      ent(
        "payroll-administrator",
        "Payroll administrator",
        "admin",
        true,
        "critical",
        "Company setup, pay codes, user security.",
      ),
      ent(
        "payroll-data-export",
        "Payroll data export",
        "nhi",
        false,
        "high",
        "Scheduled export of payroll results to the GL and data warehouse.",
      ),
    ],
  },
  {
    key: "workday-hcm",
    name: "Workday HCM",
    description:
      "HR system of record: workers, org structure, hires, terminations and compensation.",
    ownerRef: "hris-manager",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent(
        "employee-self-service",
        "Employee self-service",
        "all",
        false,
        "low",
        "View and update one's own worker record.",
      ),
      ent(
        "manager-self-service",
        "Manager self-service",
        "manager",
        false,
        "low",
        "Approve time off and view direct reports.",
      ),
      ent(
        "hr-partner",
        "HR partner",
        "power",
        false,
        "medium",
        "Hire, transfer and terminate workers.",
        { onlyFor: ["HR"] },
      ),
      ent(
        "compensation-partner",
        "Compensation partner",
        "power",
        false,
        "high",
        "View and change compensation.",
        { onlyFor: ["HR", "Finance"] },
      ),
      ent(
        "security-administrator",
        "Security administrator",
        "admin",
        true,
        "critical",
        "Maintain security groups and domain policies.",
      ),
      ent(
        "integration-system-user",
        "Integration system user",
        "nhi",
        false,
        "high",
        "Integration account for worker data feeds.",
      ),
    ],
  },
  {
    key: "onestream-consolidation",
    name: "OneStream Consolidation",
    description: "Monthly consolidation, intercompany eliminations and financial statement close.",
    ownerRef: "controller",
    criticality: "high",
    soxInScope: true,
    financial: true,
    usernameStyle: "email",
    entitlements: [
      ent(
        "consolidation-viewer",
        "Consolidation viewer",
        "all",
        false,
        "low",
        "View consolidated results and reports.",
      ),
      ent(
        "consolidation-preparer",
        "Consolidation preparer",
        "power",
        false,
        "medium",
        "Load and adjust entity submissions.",
      ),
      ent(
        "intercompany-eliminations",
        "Intercompany eliminations",
        "power",
        false,
        "high",
        "Post intercompany matching and elimination entries.",
      ),
      ent(
        "consolidation-approver",
        "Consolidation approver",
        "manager",
        false,
        "high",
        "Certify and lock a consolidation period.",
      ),
      ent(
        "onestream-administrator",
        "OneStream administrator",
        "admin",
        true,
        "critical",
        "Application security, business rules and metadata.",
      ),
    ],
  },
  {
    key: "concur-expense",
    name: "SAP Concur Expense",
    description: "Employee expense reports, corporate card reconciliation and reimbursement.",
    ownerRef: "ap-manager",
    criticality: "medium",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("expense-user", "Expense user", "all", false, "low", "Submit one's own expense reports."),
      ent(
        "expense-approver",
        "Expense approver",
        "manager",
        false,
        "low",
        "Approve direct reports' expense reports.",
      ),
      ent(
        "expense-processor",
        "Expense processor",
        "power",
        false,
        "medium",
        "Audit and release expense reports for payment.",
        { onlyFor: financeDepartments },
      ),
      ent(
        "concur-administrator",
        "Concur administrator",
        "admin",
        true,
        "high",
        "Policies, approval flows and user administration.",
      ),
    ],
  },
  {
    key: "kyriba-treasury",
    name: "Kyriba Treasury & Banking",
    description: "Cash positioning, bank connectivity and outgoing wire and ACH payments.",
    ownerRef: "treasury-manager",
    criticality: "critical",
    soxInScope: true,
    financial: true,
    usernameStyle: "dotted",
    entitlements: [
      ent(
        "cash-position-viewer",
        "Cash position viewer",
        "all",
        false,
        "low",
        "View balances and cash forecasts.",
      ),
      ent(
        "payment-initiator",
        "Payment initiator",
        "power",
        false,
        "high",
        "Create wire and ACH payments.",
      ),
      ent(
        "payment-approver",
        "Payment approver",
        "manager",
        true,
        "critical",
        "Approve and release outgoing payments.",
      ),
      ent(
        "bank-account-maintenance",
        "Bank account maintenance",
        "manager",
        true,
        "critical",
        "Add bank accounts and change signatories.",
      ),
      ent(
        "kyriba-administrator",
        "Kyriba administrator",
        "admin",
        true,
        "critical",
        "Users, workflows and payment approval rules.",
      ),
      ent(
        "bank-statement-import",
        "Bank statement import",
        "nhi",
        false,
        "medium",
        "Import BAI2/MT940 statements over SFTP.",
      ),
    ],
  },
  {
    key: "aws-production",
    name: "AWS production account",
    description:
      "Production workloads for the Northwind platform, including billing and payments services.",
    ownerRef: "platform-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "dotted",
    entitlements: [
      ent(
        "readonly-access",
        "ReadOnlyAccess",
        "all",
        false,
        "low",
        "Read-only access to most services.",
      ),
      ent(
        "security-audit",
        "SecurityAudit",
        "power",
        false,
        "low",
        "Read security configuration across services.",
        { onlyFor: ["Security", "IT"] },
      ),
      ent(
        "billing-access",
        "Billing",
        "manager",
        false,
        "medium",
        "View and manage AWS billing and cost data.",
      ),
      ent(
        "power-user-access",
        "PowerUserAccess",
        "power",
        true,
        "high",
        "Full access to services except IAM and organisations.",
      ),
      ent(
        "administrator-access",
        "AdministratorAccess",
        "admin",
        true,
        "critical",
        "Full access to all services and IAM.",
      ),
      ent(
        "break-glass-admin",
        "BreakGlassAdmin",
        "admin",
        true,
        "critical",
        "Emergency administrator role; use is alarmed and reviewed.",
      ),
      ent(
        "production-deploy-role",
        "ProductionDeployRole",
        "nhi",
        false,
        "high",
        "Deploys application releases through the pipeline.",
      ),
    ],
  },
  {
    key: "azure-production",
    name: "Azure production subscription",
    description: "Corporate workloads: file services, line-of-business VMs and backups.",
    ownerRef: "infra-manager",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("reader", "Reader", "all", false, "low", "View resources."),
      ent(
        "contributor",
        "Contributor",
        "power",
        false,
        "high",
        "Create and manage resources, without access control.",
      ),
      ent(
        "owner",
        "Owner",
        "admin",
        true,
        "critical",
        "Full control, including access assignments.",
      ),
      ent(
        "user-access-administrator",
        "User Access Administrator",
        "admin",
        true,
        "critical",
        "Assign roles to anyone on the subscription.",
      ),
      ent(
        "key-vault-secrets-user",
        "Key Vault Secrets User",
        "nhi",
        false,
        "high",
        "Read secrets from the production key vaults.",
      ),
    ],
  },
  {
    key: "k8s-production",
    name: "Kubernetes production cluster",
    description: "EKS cluster running the customer-facing platform services.",
    ownerRef: "platform-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("view", "view", "all", false, "low", "Read most objects in application namespaces."),
      ent("edit", "edit", "power", false, "high", "Change workloads in application namespaces."),
      ent(
        "pod-exec",
        "pod-exec",
        "admin",
        true,
        "high",
        "Open a shell in running production pods.",
      ),
      ent(
        "cluster-admin",
        "cluster-admin",
        "admin",
        true,
        "critical",
        "Unrestricted access to the whole cluster.",
      ),
      ent(
        "namespace-deployer",
        "namespace-deployer",
        "nhi",
        false,
        "high",
        "Apply manifests to application namespaces.",
      ),
    ],
  },
  {
    key: "postgres-production",
    name: "Production PostgreSQL database",
    description:
      "Billing and payments database (RDS PostgreSQL) holding invoices and payment records.",
    ownerRef: "sre-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "underscore",
    entitlements: [
      ent("readonly", "readonly", "all", false, "medium", "SELECT on application schemas."),
      ent(
        "app-readwrite",
        "app_readwrite",
        "power",
        false,
        "high",
        "Read and write application tables.",
      ),
      ent(
        "db-owner",
        "db_owner",
        "admin",
        true,
        "critical",
        "Owns the application schemas: DDL and grants.",
      ),
      ent(
        "rds-superuser",
        "rds_superuser",
        "admin",
        true,
        "critical",
        "Superuser-equivalent role on the instance.",
      ),
    ],
  },
  {
    key: "snowflake",
    name: "Snowflake data warehouse",
    description: "Data warehouse feeding revenue reporting and management accounts.",
    ownerRef: "head-of-data",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("analyst", "ANALYST", "all", false, "low", "Query curated marts."),
      ent(
        "finance-reporting",
        "FINANCE_REPORTING",
        "member",
        false,
        "medium",
        "Query finance marts, including revenue and payroll cost.",
        { onlyFor: financeDepartments },
      ),
      ent(
        "transformer",
        "TRANSFORMER",
        "power",
        false,
        "medium",
        "Build and change models in the transformation layer.",
        { onlyFor: ["Data", "Engineering"] },
      ),
      ent(
        "sysadmin",
        "SYSADMIN",
        "admin",
        false,
        "high",
        "Create and own databases and warehouses.",
      ),
      ent(
        "accountadmin",
        "ACCOUNTADMIN",
        "admin",
        true,
        "critical",
        "Top-level account administration.",
      ),
      ent("loader", "LOADER", "nhi", false, "medium", "Write raw data into landing schemas."),
    ],
  },
  {
    key: "tableau",
    name: "Tableau BI",
    description: "Dashboards for sales, operations and management reporting.",
    ownerRef: "analytics-manager",
    criticality: "medium",
    soxInScope: false,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("viewer", "Viewer", "all", false, "low", "View published dashboards."),
      ent(
        "explorer",
        "Explorer",
        "power",
        false,
        "low",
        "Edit dashboards on published data sources.",
      ),
      ent("creator", "Creator", "power", false, "low", "Connect to data and publish workbooks."),
      ent(
        "site-administrator",
        "Site administrator",
        "admin",
        true,
        "medium",
        "Manage users, projects and permissions.",
      ),
    ],
  },
  {
    key: "okta",
    name: "Okta identity provider",
    description: "Workforce single sign-on and MFA in front of every SaaS application.",
    ownerRef: "iam-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("okta-user", "Okta user", "all", false, "low", "Sign in through Okta."),
      ent(
        "read-only-administrator",
        "Read-only administrator",
        "power",
        false,
        "low",
        "View the admin console.",
        { onlyFor: ["IT", "Security"] },
      ),
      ent(
        "help-desk-administrator",
        "Help desk administrator",
        "power",
        false,
        "high",
        "Reset passwords and MFA factors.",
        { onlyFor: ["IT"] },
      ),
      ent(
        "app-administrator",
        "Application administrator",
        "admin",
        true,
        "high",
        "Configure applications and assign them to users.",
      ),
      ent(
        "super-administrator",
        "Super Administrator",
        "admin",
        true,
        "critical",
        "Full control of the Okta org.",
      ),
      ent(
        "org-api-access",
        "Org API access (okta.users.manage)",
        "nhi",
        false,
        "high",
        "Create, change and deactivate users through the API.",
      ),
    ],
  },
  {
    key: "active-directory",
    name: "Active Directory (corp.northwind.example)",
    description: "On-premises directory for Windows sign-in, file shares and legacy applications.",
    ownerRef: "infra-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "initial",
    entitlements: [
      ent("domain-users", "Domain Users", "all", false, "low", "Standard domain account."),
      ent(
        "fs-finance-rw",
        "FS-Finance-RW",
        "member",
        false,
        "medium",
        "Read-write on the finance file share.",
        { onlyFor: financeDepartments, ownerRef: "fpa-manager" },
      ),
      ent(
        "helpdesk-password-reset",
        "Helpdesk - Password Reset",
        "power",
        false,
        "medium",
        "Reset passwords and unlock accounts.",
        { onlyFor: ["IT"] },
      ),
      ent(
        "server-operators",
        "Server Operators",
        "admin",
        false,
        "high",
        "Log on to and manage domain servers.",
      ),
      ent(
        "domain-admins",
        "Domain Admins",
        "admin",
        true,
        "critical",
        "Full control of the domain.",
      ),
      ent(
        "enterprise-admins",
        "Enterprise Admins",
        "admin",
        true,
        "critical",
        "Full control of the forest.",
      ),
    ],
  },
  {
    key: "github",
    name: "GitHub Enterprise",
    description: "Source control and code review for all production code (change management).",
    ownerRef: "devprod-manager",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "hyphen",
    entitlements: [
      ent("org-member", "Org member", "all", false, "low", "Read internal repositories."),
      ent(
        "repo-write",
        "Repo write",
        "power",
        false,
        "medium",
        "Push branches and open pull requests.",
      ),
      ent(
        "repo-admin",
        "Repo admin",
        "manager",
        false,
        "high",
        "Change repository settings and collaborators.",
      ),
      ent(
        "bypass-branch-protection",
        "Bypass branch protection",
        "admin",
        true,
        "critical",
        "Merge to main without the required review.",
      ),
      ent("org-owner", "Org owner", "admin", true, "critical", "Full control of the organisation."),
    ],
  },
  {
    key: "ci-cd",
    name: "Jenkins CI/CD",
    description: "Build and release pipelines; the only sanctioned path to production.",
    ownerRef: "devprod-manager",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "hyphen",
    entitlements: [
      ent("build-viewer", "Build viewer", "all", false, "low", "View builds and logs."),
      ent(
        "pipeline-editor",
        "Pipeline editor",
        "power",
        false,
        "medium",
        "Change pipeline definitions.",
      ),
      ent(
        "deploy-to-staging",
        "Deploy to staging",
        "power",
        false,
        "low",
        "Trigger staging deployments.",
      ),
      ent(
        "deploy-to-production",
        "Deploy to production",
        "admin",
        true,
        "high",
        "Trigger production deployments.",
      ),
      ent(
        "jenkins-administrator",
        "Jenkins administrator",
        "admin",
        true,
        "critical",
        "Manage plugins, credentials and security.",
      ),
    ],
  },
  {
    key: "salesforce",
    name: "Salesforce CRM",
    description: "Opportunities, quotes and bookings that drive revenue recognition.",
    ownerRef: "sales-ops-manager",
    criticality: "high",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent(
        "sales-user",
        "Sales user",
        "all",
        false,
        "low",
        "Manage one's own accounts and opportunities.",
      ),
      ent(
        "report-builder",
        "Report builder",
        "power",
        false,
        "low",
        "Build and share reports and dashboards.",
      ),
      ent(
        "sales-manager",
        "Sales manager",
        "manager",
        false,
        "medium",
        "View and reassign the team's pipeline.",
      ),
      ent(
        "discount-approver",
        "Discount approver",
        "manager",
        false,
        "high",
        "Approve quote discounts above 20%.",
      ),
      ent(
        "system-administrator",
        "System Administrator",
        "admin",
        true,
        "critical",
        "Full org administration, including Modify All Data.",
      ),
      ent(
        "integration-user",
        "Integration user",
        "nhi",
        false,
        "high",
        "API-only user for order and billing sync.",
      ),
    ],
  },
  {
    key: "servicenow",
    name: "ServiceNow ITSM",
    description:
      "Service requests, incidents and change records (the change-management evidence trail).",
    ownerRef: "service-desk-manager",
    criticality: "medium",
    soxInScope: true,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("requester", "Requester", "all", false, "low", "Raise requests and incidents."),
      ent("itil", "ITIL fulfiller", "power", false, "low", "Work incidents, requests and changes."),
      ent(
        "change-manager",
        "Change manager",
        "manager",
        false,
        "high",
        "Approve changes on behalf of the CAB.",
        { onlyFor: ["IT", "Engineering", "Security"], ownerRef: "it-ops-manager" },
      ),
      ent("servicenow-admin", "admin", "admin", true, "critical", "Full platform administration."),
    ],
  },
  {
    key: "cyberark",
    name: "CyberArk PAM vault",
    description: "Vault for privileged credentials with session recording and check-out approval.",
    ownerRef: "secops-manager",
    criticality: "critical",
    soxInScope: true,
    financial: false,
    usernameStyle: "dotted",
    entitlements: [
      ent(
        "vault-user",
        "Vault user (check-out)",
        "all",
        false,
        "medium",
        "Check out credentials for safes one is a member of.",
      ),
      ent(
        "vault-auditor",
        "Vault auditor",
        "power",
        false,
        "medium",
        "Read audit logs and session recordings.",
        { onlyFor: ["Security"], ownerRef: "it-compliance" },
      ),
      ent(
        "safe-manager",
        "Safe manager",
        "manager",
        true,
        "high",
        "Manage safe membership and credentials.",
      ),
      ent(
        "vault-administrator",
        "Vault administrator",
        "admin",
        true,
        "critical",
        "Full vault administration.",
      ),
      ent(
        "break-glass-checkout",
        "Break-glass check-out",
        "admin",
        true,
        "critical",
        "Check out emergency credentials without approval.",
      ),
    ],
  },
  {
    key: "zuora-billing",
    name: "Zuora Billing",
    description: "Subscriptions, invoicing and revenue schedules for customer contracts.",
    ownerRef: "revenue-accounting-manager",
    criticality: "critical",
    soxInScope: true,
    financial: true,
    usernameStyle: "email",
    entitlements: [
      ent(
        "billing-viewer",
        "Billing viewer",
        "all",
        false,
        "low",
        "View customers, subscriptions and invoices.",
      ),
      ent(
        "billing-operator",
        "Billing operator",
        "power",
        false,
        "medium",
        "Create subscriptions and run bill runs.",
      ),
      ent(
        "invoice-adjustment",
        "Invoice adjustment",
        "power",
        false,
        "high",
        "Adjust posted invoices.",
        { onlyFor: financeDepartments },
      ),
      ent(
        "credit-memo-approver",
        "Credit memo approver",
        "manager",
        false,
        "high",
        "Approve credit memos and refunds.",
      ),
      ent(
        "zuora-administrator",
        "Zuora administrator",
        "admin",
        true,
        "critical",
        "Tenant settings, users and roles.",
      ),
      ent(
        "billing-api",
        "Billing API",
        "nhi",
        false,
        "high",
        "OAuth client for billing integrations.",
      ),
    ],
  },
  {
    key: "coupa",
    name: "Coupa Procurement",
    description: "Purchase requisitions, purchase orders and supplier onboarding.",
    ownerRef: "procurement-manager",
    criticality: "high",
    soxInScope: true,
    financial: true,
    usernameStyle: "email",
    entitlements: [
      ent("requester", "Requester", "all", false, "low", "Raise purchase requisitions."),
      ent("buyer", "Buyer", "power", false, "medium", "Convert requisitions to purchase orders.", {
        onlyFor: ["Procurement", "Operations"],
      }),
      ent(
        "po-approver",
        "PO approver (up to $50k)",
        "manager",
        false,
        "medium",
        "Approve purchase orders up to $50,000.",
      ),
      ent(
        "po-approver-unlimited",
        "PO approver (unlimited)",
        "manager",
        false,
        "high",
        "Approve purchase orders of any amount.",
        { onlyFor: ["Finance", "Procurement"] },
      ),
      ent(
        "supplier-master",
        "Supplier master maintenance",
        "power",
        true,
        "high",
        "Create suppliers and change remit-to details.",
        { onlyFor: ["Procurement"] },
      ),
      ent(
        "coupa-administrator",
        "Coupa administrator",
        "admin",
        true,
        "critical",
        "Approval chains, users and integrations.",
      ),
    ],
  },
  {
    key: "imanage",
    name: "iManage Work document management",
    description: "Contracts, board minutes and legal matter workspaces.",
    ownerRef: "legal-manager",
    criticality: "medium",
    soxInScope: false,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent(
        "author",
        "Author",
        "all",
        false,
        "low",
        "Create and edit documents in shared libraries.",
      ),
      ent(
        "legal-matter-access",
        "Legal matter workspaces",
        "member",
        false,
        "medium",
        "Access to privileged legal matters.",
        { onlyFor: ["Legal"] },
      ),
      ent(
        "library-administrator",
        "Library administrator",
        "admin",
        true,
        "high",
        "Manage libraries, security and retention.",
      ),
    ],
  },
  {
    key: "exchange-online",
    name: "Microsoft 365 Exchange Online",
    description: "Corporate email and calendars.",
    ownerRef: "it-ops-manager",
    criticality: "medium",
    soxInScope: false,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent("mailbox-user", "Mailbox user", "all", false, "low", "A personal mailbox."),
      ent(
        "shared-mailbox-ap",
        "Shared mailbox: ap@northwind",
        "member",
        false,
        "low",
        "Send as the accounts payable mailbox.",
        { onlyFor: ["Accounting"], ownerRef: "ap-manager" },
      ),
      ent(
        "ediscovery-manager",
        "eDiscovery manager",
        "power",
        false,
        "high",
        "Search and export any mailbox.",
        { onlyFor: ["Legal", "Security"], ownerRef: "legal-manager" },
      ),
      ent(
        "exchange-administrator",
        "Exchange administrator",
        "admin",
        true,
        "high",
        "Manage mailboxes, transport rules and connectors.",
      ),
      ent(
        "global-administrator",
        "Global Administrator",
        "admin",
        true,
        "critical",
        "Full control of the Microsoft 365 tenant.",
      ),
    ],
  },
  {
    key: "intune",
    name: "Microsoft Intune endpoint management",
    description: "Laptop enrolment, compliance policies and software deployment.",
    ownerRef: "service-desk-manager",
    criticality: "medium",
    soxInScope: false,
    financial: false,
    usernameStyle: "email",
    entitlements: [
      ent(
        "enrolled-user",
        "Enrolled device user",
        "all",
        false,
        "low",
        "Enrol and use managed devices.",
      ),
      ent(
        "help-desk-operator",
        "Help desk operator",
        "power",
        false,
        "medium",
        "Remote actions on enrolled devices.",
        { onlyFor: ["IT"] },
      ),
      ent(
        "intune-administrator",
        "Intune administrator",
        "admin",
        true,
        "high",
        "Policies, apps and device wipe for the whole fleet.",
      ),
    ],
  },
];

export const baselineAccess: Record<"employee" | "contractor" | "third_party", AccessRule[]> = {
  employee: [
    ["exchange-online", 1, 1],
    ["okta", 1, 1],
    ["active-directory", 1, 1],
    ["workday-hcm", 1, 1],
    ["servicenow", 0.1, 1],
    ["concur-expense", 0.15, 1],
  ],
  contractor: [
    ["exchange-online", 0.7, 1],
    ["okta", 1, 1],
    ["active-directory", 1, 1],
    ["servicenow", 0.4, 1],
  ],
  third_party: [
    ["okta", 1, 1],
    ["active-directory", 1, 1],
    ["servicenow", 0.6, 1],
  ],
};

export const departmentAccess: Record<string, AccessRule[]> = {
  Executive: [
    ["netsuite-erp", 1, 1],
    ["tableau", 0.6, 1],
    ["salesforce", 0.5, 1],
    ["onestream-consolidation", 0.5, 1],
  ],
  Finance: [
    ["netsuite-erp", 0.8, 2],
    ["general-ledger", 0.85, 2],
    ["onestream-consolidation", 0.55, 2],
    ["kyriba-treasury", 0.25, 1],
    ["concur-expense", 0.7, 1],
    ["coupa", 0.35, 1],
    ["tableau", 0.4, 1],
    ["snowflake", 0.3, 1],
    ["zuora-billing", 0.2, 1],
  ],
  Accounting: [
    ["netsuite-erp", 0.9, 2],
    ["general-ledger", 1, 2],
    ["onestream-consolidation", 0.4, 2],
    ["concur-expense", 0.6, 1],
    ["coupa", 0.3, 1],
    ["zuora-billing", 0.5, 2],
    ["tableau", 0.3, 1],
    ["kyriba-treasury", 0.15, 1],
  ],
  IT: [
    ["active-directory", 1, 2],
    ["okta", 1, 2],
    ["intune", 0.6, 2],
    ["servicenow", 0.9, 2],
    ["azure-production", 0.6, 1],
    ["cyberark", 0.5, 1],
    ["aws-production", 0.3, 1],
    ["github", 0.2, 1],
    ["netsuite-erp", 0.15, 1],
  ],
  Engineering: [
    ["github", 0.9, 2],
    ["ci-cd", 0.8, 2],
    ["aws-production", 0.7, 2],
    ["k8s-production", 0.6, 2],
    ["postgres-production", 0.35, 2],
    ["servicenow", 0.4, 2],
    ["cyberark", 0.15, 1],
    ["snowflake", 0.2, 1],
    ["tableau", 0.1, 1],
  ],
  Security: [
    ["okta", 1, 2],
    ["active-directory", 1, 2],
    ["cyberark", 1, 2],
    ["aws-production", 0.7, 2],
    ["azure-production", 0.7, 2],
    ["k8s-production", 0.5, 1],
    ["github", 0.6, 1],
    ["servicenow", 0.8, 2],
    ["exchange-online", 1, 2],
    ["intune", 0.5, 2],
    ["snowflake", 0.3, 1],
  ],
  HR: [
    ["workday-hcm", 1, 2],
    ["adp-payroll", 0.5, 1],
    ["tableau", 0.2, 1],
  ],
  Sales: [
    ["salesforce", 1, 2],
    ["tableau", 0.3, 1],
    ["zuora-billing", 0.2, 1],
    ["netsuite-erp", 0.1, 1],
  ],
  Operations: [
    ["netsuite-erp", 0.4, 2],
    ["coupa", 0.8, 2],
    ["salesforce", 0.3, 1],
    ["tableau", 0.3, 1],
    ["zuora-billing", 0.15, 1],
  ],
  Legal: [
    ["imanage", 1, 2],
    ["exchange-online", 1, 2],
    ["salesforce", 0.2, 1],
    ["coupa", 0.2, 1],
  ],
  Procurement: [
    ["coupa", 1, 2],
    ["netsuite-erp", 0.8, 2],
    ["tableau", 0.4, 1],
  ],
  Data: [
    ["snowflake", 1, 2],
    ["tableau", 0.8, 2],
    ["github", 0.6, 2],
    ["ci-cd", 0.4, 1],
    ["aws-production", 0.5, 1],
    ["postgres-production", 0.4, 1],
  ],
};

/** Teams (a manager and their direct reports) that run a system get more than their department. */
export const teamAccess: Record<string, AccessRule[]> = {
  "vp-finance": [["kyriba-treasury", 1, 1]],
  controller: [["onestream-consolidation", 1, 2]],
  "treasury-manager": [["kyriba-treasury", 1, 3]],
  "payroll-manager": [
    ["adp-payroll", 1, 3],
    ["workday-hcm", 1, 2],
  ],
  "ap-manager": [
    ["concur-expense", 1, 2],
    ["kyriba-treasury", 0.5, 1],
  ],
  "gl-manager": [["onestream-consolidation", 0.8, 2]],
  "revenue-accounting-manager": [
    ["zuora-billing", 1, 2],
    ["salesforce", 0.6, 1],
  ],
  "it-ops-manager": [
    ["exchange-online", 1, 3],
    ["intune", 1, 3],
    ["azure-production", 0.5, 2],
  ],
  "infra-manager": [
    ["active-directory", 1, 3],
    ["azure-production", 1, 3],
    ["cyberark", 1, 2],
  ],
  "service-desk-manager": [
    ["servicenow", 1, 3],
    ["intune", 1, 2],
  ],
  "enterprise-apps-manager": [
    ["netsuite-erp", 1, 3],
    ["general-ledger", 0.5, 3],
    ["salesforce", 0.6, 3],
    ["coupa", 0.5, 3],
    ["zuora-billing", 0.4, 3],
    ["concur-expense", 0.4, 3],
    ["onestream-consolidation", 0.3, 3],
  ],
  "iam-manager": [
    ["okta", 1, 3],
    ["active-directory", 1, 3],
    ["cyberark", 1, 2],
    ["workday-hcm", 0.5, 3],
  ],
  "platform-manager": [
    ["aws-production", 1, 3],
    ["k8s-production", 1, 3],
    ["ci-cd", 0.8, 3],
    ["cyberark", 0.8, 2],
  ],
  "sre-manager": [
    ["aws-production", 1, 3],
    ["k8s-production", 1, 3],
    ["postgres-production", 0.9, 3],
    ["cyberark", 1, 2],
  ],
  "devprod-manager": [
    ["github", 1, 3],
    ["ci-cd", 1, 3],
  ],
  "billing-eng-manager": [["postgres-production", 0.7, 2]],
  "payments-eng-manager": [["postgres-production", 0.7, 2]],
  "secops-manager": [
    ["cyberark", 1, 3],
    ["okta", 1, 2],
    ["aws-production", 1, 2],
  ],
  "seceng-manager": [
    ["aws-production", 1, 3],
    ["azure-production", 0.7, 3],
    ["github", 0.8, 3],
    ["k8s-production", 0.7, 2],
  ],
  "it-compliance": [
    ["servicenow", 1, 2],
    ["netsuite-erp", 0.8, 1],
    ["aws-production", 0.5, 1],
  ],
  "hris-manager": [
    ["workday-hcm", 1, 3],
    ["adp-payroll", 0.6, 2],
  ],
  "sales-ops-manager": [
    ["salesforce", 1, 3],
    ["zuora-billing", 0.5, 1],
  ],
  "procurement-manager": [["coupa", 1, 3]],
  "legal-manager": [["imanage", 0.6, 3]],
  "head-of-data": [
    ["snowflake", 1, 3],
    ["postgres-production", 0.6, 1],
  ],
  "analytics-manager": [
    ["tableau", 1, 3],
    ["snowflake", 1, 2],
  ],
};

/** Access the demo people always hold, so the demo script can rely on it. */
export const demoPersonGrants: Partial<Record<DemoPersonKey, (readonly [string, string])[]>> = {
  dana: [
    ["netsuite-erp", "ap-payment-release"],
    ["kyriba-treasury", "payment-approver"],
  ],
  marcus: [
    ["general-ledger", "gl-journal-approver"],
    ["netsuite-erp", "vendor-master-maintenance"],
    ["onestream-consolidation", "consolidation-approver"],
  ],
  priya: [
    ["cyberark", "vault-auditor"],
    ["okta", "read-only-administrator"],
  ],
  sam: [
    ["okta", "super-administrator"],
    ["active-directory", "domain-admins"],
    ["intune", "intune-administrator"],
    ["exchange-online", "global-administrator"],
  ],
};

export type NhiOwner = { team: string } | { department: string } | "leaver";

export interface NhiSpec {
  name: string;
  kind: NonHumanIdentityKind;
  owner: NhiOwner;
  grants: (readonly [string, string])[];
  /** Unused for months: the kind of finding an owner review should end. */
  dormant?: boolean;
}

/** Departments whose people may own a non-human identity. */
export const nhiOwnerDepartments = ["IT", "Engineering", "Data", "Finance"];

export const nhiSpecs: NhiSpec[] = [
  {
    name: "svc-netsuite-integration",
    kind: "service_account",
    owner: { team: "enterprise-apps-manager" },
    grants: [
      ["netsuite-erp", "web-services-integration"],
      ["netsuite-erp", "read-only"],
    ],
  },
  {
    name: "svc-salesforce-netsuite-sync",
    kind: "service_account",
    owner: { team: "enterprise-apps-manager" },
    grants: [
      ["salesforce", "integration-user"],
      ["netsuite-erp", "web-services-integration"],
    ],
  },
  {
    name: "ci-deploy-bot",
    kind: "bot",
    owner: { team: "devprod-manager" },
    grants: [
      ["github", "repo-write"],
      ["ci-cd", "deploy-to-production"],
      ["aws-production", "production-deploy-role"],
      ["k8s-production", "namespace-deployer"],
    ],
  },
  {
    name: "snowflake-etl-key",
    kind: "api_key",
    owner: { team: "head-of-data" },
    grants: [
      ["snowflake", "loader"],
      ["snowflake", "transformer"],
    ],
  },
  {
    name: "payroll-export-job",
    kind: "workload",
    owner: { team: "payroll-manager" },
    grants: [
      ["adp-payroll", "payroll-data-export"],
      ["snowflake", "loader"],
    ],
  },
  {
    name: "workday-adp-connector",
    kind: "service_account",
    owner: { team: "enterprise-apps-manager" },
    grants: [
      ["workday-hcm", "integration-system-user"],
      ["adp-payroll", "payroll-data-export"],
    ],
  },
  {
    name: "okta-scim-provisioner",
    kind: "service_account",
    owner: { team: "iam-manager" },
    grants: [
      ["okta", "org-api-access"],
      ["workday-hcm", "integration-system-user"],
    ],
  },
  {
    name: "ad-sync-agent",
    kind: "service_account",
    owner: { team: "iam-manager" },
    grants: [
      ["active-directory", "domain-admins"],
      ["okta", "org-api-access"],
    ],
  },
  {
    name: "kyriba-bank-statement-sftp",
    kind: "service_account",
    owner: { team: "treasury-manager" },
    grants: [["kyriba-treasury", "bank-statement-import"]],
  },
  {
    name: "kyriba-payment-file-api",
    kind: "api_key",
    owner: { team: "treasury-manager" },
    grants: [["kyriba-treasury", "payment-initiator"]],
  },
  {
    name: "zuora-billing-api-key",
    kind: "api_key",
    owner: { team: "billing-eng-manager" },
    grants: [["zuora-billing", "billing-api"]],
  },
  {
    name: "billing-service-db",
    kind: "workload",
    owner: { team: "billing-eng-manager" },
    grants: [["postgres-production", "app-readwrite"]],
  },
  {
    name: "payments-service-db",
    kind: "workload",
    owner: { team: "payments-eng-manager" },
    grants: [["postgres-production", "app-readwrite"]],
  },
  {
    name: "postgres-backup-agent",
    kind: "service_account",
    owner: { team: "sre-manager" },
    grants: [["postgres-production", "rds-superuser"]],
  },
  {
    name: "argocd-application-controller",
    kind: "workload",
    owner: { team: "platform-manager" },
    grants: [
      ["k8s-production", "cluster-admin"],
      ["github", "org-member"],
    ],
  },
  {
    name: "prometheus-scraper",
    kind: "workload",
    owner: { team: "sre-manager" },
    grants: [["k8s-production", "view"]],
  },
  {
    name: "terraform-cloud-runner",
    kind: "workload",
    owner: { team: "platform-manager" },
    grants: [
      ["aws-production", "administrator-access"],
      ["azure-production", "owner"],
    ],
  },
  {
    name: "aws-cost-explorer-key",
    kind: "api_key",
    owner: { team: "platform-manager" },
    grants: [["aws-production", "billing-access"]],
  },
  {
    name: "datadog-integration-role",
    kind: "workload",
    owner: { team: "sre-manager" },
    grants: [
      ["aws-production", "readonly-access"],
      ["aws-production", "security-audit"],
    ],
  },
  {
    name: "renovate-bot",
    kind: "bot",
    owner: { team: "devprod-manager" },
    grants: [["github", "repo-write"]],
  },
  {
    name: "release-notes-bot",
    kind: "bot",
    owner: { team: "devprod-manager" },
    grants: [
      ["github", "repo-write"],
      ["servicenow", "itil"],
    ],
  },
  {
    name: "jenkins-agent-prod",
    kind: "workload",
    owner: { team: "devprod-manager" },
    grants: [
      ["aws-production", "production-deploy-role"],
      ["k8s-production", "namespace-deployer"],
    ],
  },
  {
    name: "tableau-snowflake-extract",
    kind: "service_account",
    owner: { team: "analytics-manager" },
    grants: [
      ["snowflake", "finance-reporting"],
      ["tableau", "creator"],
    ],
  },
  {
    name: "dbt-cloud-runner",
    kind: "api_key",
    owner: { team: "head-of-data" },
    grants: [
      ["snowflake", "transformer"],
      ["snowflake", "sysadmin"],
    ],
  },
  {
    name: "fivetran-connector",
    kind: "api_key",
    owner: { team: "analytics-manager" },
    grants: [
      ["snowflake", "loader"],
      ["salesforce", "integration-user"],
      ["netsuite-erp", "read-only"],
    ],
  },
  {
    name: "snowflake-admin-legacy-key",
    kind: "api_key",
    owner: "leaver",
    grants: [["snowflake", "accountadmin"]],
    dormant: true,
  },
  {
    name: "servicenow-okta-integration",
    kind: "service_account",
    owner: { team: "service-desk-manager" },
    grants: [
      ["okta", "app-administrator"],
      ["servicenow", "itil"],
    ],
  },
  {
    name: "servicenow-discovery",
    kind: "service_account",
    owner: { team: "service-desk-manager" },
    grants: [
      ["active-directory", "domain-users"],
      ["azure-production", "reader"],
    ],
  },
  {
    name: "intune-graph-connector",
    kind: "api_key",
    owner: { team: "it-ops-manager" },
    grants: [["intune", "intune-administrator"]],
  },
  {
    name: "exchange-journaling-svc",
    kind: "service_account",
    owner: { team: "it-ops-manager" },
    grants: [["exchange-online", "exchange-administrator"]],
  },
  {
    name: "coupa-netsuite-bridge",
    kind: "service_account",
    owner: { team: "enterprise-apps-manager" },
    grants: [
      ["coupa", "buyer"],
      ["netsuite-erp", "web-services-integration"],
    ],
  },
  {
    name: "concur-sftp-export",
    kind: "service_account",
    owner: { department: "Finance" },
    grants: [["concur-expense", "expense-processor"]],
  },
  {
    name: "onestream-gl-loader",
    kind: "workload",
    owner: { department: "Finance" },
    grants: [
      ["onestream-consolidation", "consolidation-preparer"],
      ["general-ledger", "gl-inquiry"],
    ],
  },
  {
    name: "gl-recurring-journal-bot",
    kind: "bot",
    owner: { department: "Finance" },
    grants: [
      ["general-ledger", "gl-journal-entry"],
      ["general-ledger", "recurring-journal-setup"],
    ],
  },
  {
    name: "cyberark-cpm",
    kind: "service_account",
    owner: { team: "iam-manager" },
    grants: [
      ["active-directory", "domain-admins"],
      ["cyberark", "vault-administrator"],
    ],
  },
  {
    name: "azure-backup-spn",
    kind: "workload",
    owner: { team: "infra-manager" },
    grants: [["azure-production", "contributor"]],
  },
  {
    name: "azure-keyvault-reader-app",
    kind: "workload",
    owner: { team: "infra-manager" },
    grants: [["azure-production", "key-vault-secrets-user"]],
  },
  {
    name: "onboarding-bot",
    kind: "bot",
    owner: { team: "service-desk-manager" },
    grants: [
      ["okta", "help-desk-administrator"],
      ["active-directory", "helpdesk-password-reset"],
    ],
  },
  {
    name: "salesforce-zuora-cpq-sync",
    kind: "api_key",
    owner: { team: "enterprise-apps-manager" },
    grants: [
      ["salesforce", "integration-user"],
      ["zuora-billing", "billing-api"],
    ],
  },
  {
    name: "legacy-report-runner",
    kind: "service_account",
    owner: "leaver",
    grants: [
      ["postgres-production", "readonly"],
      ["snowflake", "analyst"],
    ],
    dormant: true,
  },
];

export interface OrphanSpec {
  systemKey: string;
  username: string;
  entitlements: string[];
}

/** Accounts nobody can be matched to: leftovers that reviews are meant to surface. */
export const orphanSpecs: OrphanSpec[] = [
  {
    systemKey: "active-directory",
    username: "svc-legacy-etl",
    entitlements: ["domain-users", "server-operators"],
  },
  {
    systemKey: "active-directory",
    username: "jsmith-old",
    entitlements: ["domain-users", "fs-finance-rw"],
  },
  {
    systemKey: "netsuite-erp",
    username: "ap.temp@northwind.example",
    entitlements: ["read-only", "ap-payment-release"],
  },
  {
    systemKey: "aws-production",
    username: "admin2",
    entitlements: ["readonly-access", "administrator-access"],
  },
  { systemKey: "github", username: "contractor-temp", entitlements: ["org-member", "repo-write"] },
  { systemKey: "postgres-production", username: "report_user_old", entitlements: ["readonly"] },
  {
    systemKey: "general-ledger",
    username: "temp.closehelp",
    entitlements: ["gl-inquiry", "gl-journal-entry"],
  },
  {
    systemKey: "salesforce",
    username: "integration.old@northwind.example",
    entitlements: ["sales-user", "system-administrator"],
  },
];

export const justifications = {
  revoke: [
    "No longer needed since moving teams.",
    "Not used in over 90 days.",
    "Access was for a finished project.",
    "Role change: this access should have been removed at the transfer.",
    "Duplicate of access held through a group.",
    "Conflicts with the person's approval duties (segregation of duties).",
  ],
  exception: [
    "Needed through year-end close; compensating control: the Controller reviews this user's activity weekly.",
    "Covering for a vacancy until the new hire starts; access is logged and reviewed monthly.",
    "Required for the ERP upgrade cut-over; removal is scheduled in the change plan.",
    "Vendor migration in progress; activity is monitored through the PAM vault.",
  ],
  approve: [
    "Primary on-call for production support.",
    "Backup approver for the payment run.",
    "Required by the role; confirmed with the system owner.",
  ],
  nhiApprove: [
    "Integration is in active use; credential is vaulted.",
    "Needed for the nightly load; confirmed with the data team.",
    "Deploy path for production releases; scoped by the pipeline.",
    "Still required by the integration; rotation is scheduled.",
  ],
  nhiRevoke: [
    "Integration was decommissioned.",
    "Not used in months; the job was replaced.",
    "Over-privileged: a narrower role is being created.",
  ],
  nhiException: [
    "Vendor connector cannot use a narrower role yet; rotation every 30 days as a compensating control.",
    "Decommission planned with the next release; activity is alerted on.",
  ],
} as const;
