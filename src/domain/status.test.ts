import { describe, expect, it } from 'vitest';
import type { ComponentStatus, Impact } from './enums';
import { effectiveStatus, overallStatus, worstStatus } from './status';

describe('worstStatus', () => {
  it.each<[ComponentStatus[], ComponentStatus]>([
    [[], 'operational'],
    [['operational', 'major_outage', 'degraded_performance'], 'major_outage'],
    [['under_maintenance', 'operational'], 'under_maintenance'],
    [['degraded_performance', 'under_maintenance'], 'degraded_performance'],
    [['partial_outage', 'degraded_performance'], 'partial_outage'],
  ])('%j → %s', (input, expected) => {
    expect(worstStatus(...input)).toBe(expected);
    expect(worstStatus(...[...input].reverse())).toBe(expected);
  });
});

describe('effectiveStatus (rule 2)', () => {
  it.each<[ComponentStatus | null, ComponentStatus | null, boolean, ComponentStatus]>([
    [null, null, false, 'operational'],
    [null, 'major_outage', false, 'major_outage'],
    ['operational', 'major_outage', false, 'operational'], // operator wins over monitor
    ['degraded_performance', 'major_outage', false, 'degraded_performance'],
    [null, null, true, 'under_maintenance'],
    ['operational', null, true, 'under_maintenance'],
    [null, 'partial_outage', true, 'partial_outage'], // worse than maintenance shows
    ['major_outage', null, true, 'major_outage'],
    [null, 'degraded_performance', true, 'degraded_performance'],
  ])('manual=%s monitor=%s maintenance=%s → %s', (manual, monitor, inMaintenance, expected) => {
    expect(effectiveStatus({ manual, monitor, inMaintenance })).toBe(expected);
  });
});

describe('overallStatus (rule 3)', () => {
  it.each<[ComponentStatus[], Impact[], boolean, string, string]>([
    [[], [], false, 'none', 'All Systems Operational'],
    [['operational', 'operational'], [], false, 'none', 'All Systems Operational'],
    [['operational'], [], true, 'maintenance', 'Service Under Maintenance'],
    [['under_maintenance'], [], false, 'maintenance', 'Service Under Maintenance'],
    [['degraded_performance'], [], true, 'minor', 'Partially Degraded Service'],
    [['operational'], ['minor'], false, 'minor', 'Minor Service Outage'],
    [['operational'], ['none'], false, 'none', 'All Systems Operational'],
    [['partial_outage'], [], false, 'major', 'Partial System Outage'],
    [['operational'], ['major'], false, 'major', 'Partial System Outage'],
    [['major_outage'], [], false, 'critical', 'Major System Outage'],
    [['operational'], ['critical'], false, 'critical', 'Major System Outage'],
    [['degraded_performance', 'major_outage'], ['minor'], true, 'critical', 'Major System Outage'],
  ])('components=%j impacts=%j maintenance=%s → %s', (componentStatuses, openIncidentImpacts, maintenanceInProgress, indicator, description) => {
    expect(overallStatus({ componentStatuses, openIncidentImpacts, maintenanceInProgress })).toEqual({ indicator, description });
  });
});
