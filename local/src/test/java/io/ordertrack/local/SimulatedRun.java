package io.ordertrack.local;

import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.simulator.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole simulator run in memory: its records in the order the feeds send them, its oracle and its
 * world (tenants, warehouses, SKUs).
 */
record SimulatedRun(List<SimulatedRecord> records, Oracle oracle, World world) {
    static SimulatedRun of(SimulationOptions options) {
        Simulation simulation = Simulation.of(options);
        List<SimulatedRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        return new SimulatedRun(List.copyOf(records), simulation.oracle(), simulation.world());
    }
}
