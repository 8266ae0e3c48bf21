package com.bazar.order.core;

import com.bazar.common.db.ReplicaDatabase;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.order.db.OrderDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Makes every order database hold the union of all their orders, and the most advanced state of every
 * placement. Orders are only ever added, so an order that any database has was placed, and a database without
 * it missed a commit (its process died between two commits). A placement only ever moves from PENDING to a
 * settled state, so a settled copy wins over a pending one, and any copy over none. Runs with every write lock
 * held, so nothing is placed meanwhile.
 */
public final class OrderRepair {
    private static final Logger LOG = LoggerFactory.getLogger(OrderRepair.class);

    private final ReplicatedDatabases databases;

    public OrderRepair(ReplicatedDatabases databases) {
        this.databases = databases;
    }

    /** @return how many rows were copied, over all databases */
    public int run() {
        List<String> names = databases.all().stream().map(ReplicaDatabase::name).toList();
        int[] copied = new int[names.size()];
        int union = databases.withAllLocked(handles -> {
            List<OrderDao> daos = handles.stream().map(h -> h.attach(OrderDao.class)).toList();
            List<Map<Long, RecordedOrder>> held = new ArrayList<>();
            Map<Long, RecordedOrder> all = new TreeMap<>();
            for (int i = 0; i < daos.size(); i++) {
                Map<Long, RecordedOrder> here = byId(daos.get(i));
                held.add(here);
                for (RecordedOrder row : here.values()) {
                    RecordedOrder seen = all.putIfAbsent(row.order().orderId(), row);
                    if (seen != null && !seen.equals(row)) {
                        // Cannot happen with ids decided under the global lock; reported, never overwritten.
                        LOG.error("order repair: order {} differs in {} from an earlier database: {} vs {}",
                                row.order().orderId(), names.get(i), row, seen);
                    }
                }
            }
            for (int i = 0; i < daos.size(); i++) {
                for (RecordedOrder row : all.values()) {
                    if (!held.get(i).containsKey(row.order().orderId()) && daos.get(i).insertIfAbsent(row)) {
                        copied[i]++;
                    }
                }
            }
            repairPlacements(daos, copied);
            return all.size();
        });
        return report(names, copied, union);
    }

    private static void repairPlacements(List<OrderDao> daos, int[] copied) {
        Map<String, Placement> furthest = new TreeMap<>();
        List<Map<String, Placement>> held = new ArrayList<>();
        for (OrderDao dao : daos) {
            Map<String, Placement> here = new TreeMap<>();
            dao.allPlacements().forEach(p -> here.put(p.key(), p));
            held.add(here);
            here.values().forEach(p -> furthest.merge(p.key(), p, OrderRepair::furthest));
        }
        for (int i = 0; i < daos.size(); i++) {
            for (Placement placement : furthest.values()) {
                if (!placement.equals(held.get(i).get(placement.key()))) {
                    daos.get(i).putPlacement(placement);
                    copied[i]++;
                }
            }
        }
    }

    /** Of two copies of one placement, the one further along: settled over pending, then the later update. */
    static Placement furthest(Placement a, Placement b) {
        if (a.state().settled() != b.state().settled()) {
            return a.state().settled() ? a : b;
        }
        if (a.state().settled() && a.state() != b.state()) {
            // Cannot happen: the catalog settles each key one way only. The catalog took the stock if either says so.
            LOG.error("order repair: placement '{}' is {} in one database and {} in another; COMPLETED stands",
                    a.key(), a.state(), b.state());
            return a.state() == PlacementState.COMPLETED ? a : b;
        }
        return b.updatedAt().isAfter(a.updatedAt()) ? b : a;
    }

    private static Map<Long, RecordedOrder> byId(OrderDao dao) {
        Map<Long, RecordedOrder> rows = new TreeMap<>();
        dao.all().forEach(row -> rows.put(row.order().orderId(), row));
        return rows;
    }

    /** Logs what was copied where; returns the total. */
    private static int report(List<String> names, int[] copied, int union) {
        StringJoiner perDatabase = new StringJoiner(", ");
        int total = 0;
        for (int i = 0; i < names.size(); i++) {
            perDatabase.add(copied[i] + " to " + names.get(i));
            total += copied[i];
        }
        if (total == 0) {
            LOG.info("order repair: copied 0 rows; all {} order databases hold the same {} orders", names.size(), union);
        } else {
            LOG.warn("order repair: copied {} rows of orders and placements ({}); every order database now holds {} orders",
                    total, perDatabase, union);
        }
        return total;
    }
}
