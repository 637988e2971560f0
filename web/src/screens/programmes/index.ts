export { ProgrammeScreen } from './ProgrammeScreen';
export { ProgrammesScreen } from './ProgrammesScreen';
export { ReceiptPrintScreen } from './ReceiptPrintScreen';
export { RecordReceiptScreen } from './RecordReceiptScreen';
