package dev.coderunner.config;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Keeps an idle service's heap close to what is live. What a run allocates dies with its answer,
 * yet G1's defaults keep up to 70% of the heap free after a collection and grow it whenever 40% is
 * not: after a busy minute that is over 100 MB of touched memory held for nothing (measured on the
 * 2-core machine, pools for all languages, after 400 runs: 356 MB idle RSS with the defaults and
 * native memory tracking on, 280 MB with these). A service that goes quiet after a busy spell
 * never collects again, so it keeps whatever its last young generation held (Docker engine, after
 * the same 400 runs: 404 MB); G1's periodic collection, every 15 s while no other has run, returns
 * it (280 MB). All three are manageable, so they are set here, as early as the service starts,
 * rather than in every launcher; what the operator set on the command line is kept.
 */
public final class LeanHeap {

    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final String MIN_FREE_PERCENT = "20";
    static final String MAX_FREE_PERCENT = "40";
    static final String PERIODIC_GC = "G1PeriodicGCInterval";
    static final String PERIODIC_GC_MILLIS = "15000";

    private LeanHeap() {
    }

    public static void apply() {
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (IllegalArgumentException notHotSpot) {
            return;
        }
        if (vm == null) {
            return;
        }
        if (isDefault(vm, MIN_FREE) && isDefault(vm, MAX_FREE)) {
            // Lowering the minimum first keeps min <= max at every step, which the JVM insists on.
            vm.setVMOption(MIN_FREE, MIN_FREE_PERCENT);
            vm.setVMOption(MAX_FREE, MAX_FREE_PERCENT);
        }
        if (isDefault(vm, PERIODIC_GC)) {
            vm.setVMOption(PERIODIC_GC, PERIODIC_GC_MILLIS);
        }
    }

    private static boolean isDefault(HotSpotDiagnosticMXBean vm, String option) {
        return vm.getVMOption(option).getOrigin() == VMOption.Origin.DEFAULT;
    }
}
