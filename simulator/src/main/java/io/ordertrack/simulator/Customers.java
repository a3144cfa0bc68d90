package io.ordertrack.simulator;

import io.ordertrack.geo.Place;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The customers of each seller. About a quarter of orders come from someone who ordered before, who
 * writes the same phone number differently from order to order.
 */
final class Customers {
    private static final double REPEAT_SHARE = 0.25;
    private static final int POOL_SIZE = 5_000;
    private static final List<String> FIRST_NAMES =
            List.of(
                    "Priya", "Rahul", "Ananya", "Vikram", "Fatima", "Arjun", "Sneha", "Karthik",
                    "Meera", "Rohan", "Aisha", "Suresh", "Lakshmi", "Imran", "Pooja", "Deepak",
                    "Kavya", "Manoj", "Neha", "Sanjay", "Divya", "Abdul", "Riya", "Gopal");
    private static final List<String> LAST_NAMES =
            List.of(
                    "Sharma",
                    "Verma",
                    "Iyer",
                    "Singh",
                    "Khan",
                    "Reddy",
                    "Das",
                    "Nair",
                    "Patel",
                    "Gupta",
                    "Banerjee",
                    "Mehta",
                    "Pillai",
                    "Yadav",
                    "Chatterjee",
                    "Joshi",
                    "Rao",
                    "Kulkarni",
                    "Ansari",
                    "Bose");
    private static final List<String> STREETS =
            List.of(
                    "MG Road",
                    "Station Road",
                    "Park Street",
                    "Gandhi Nagar",
                    "Nehru Street",
                    "Temple Road",
                    "Market Lane",
                    "Lake View Colony",
                    "Civil Lines",
                    "Main Bazaar");

    /** A customer: name, national ten-digit phone, street address and destination. */
    record Customer(String name, String phone, String street, Place place) {}

    private final Map<String, List<Customer>> byTenant = new HashMap<>();
    private final World world;

    Customers(World world) {
        this.world = world;
    }

    /** The customer of the next order of a seller: a returning one, or someone new. */
    Customer next(String tenantId, SplittableRandom random) {
        List<Customer> pool = byTenant.computeIfAbsent(tenantId, t -> new ArrayList<>());
        if (!pool.isEmpty() && random.nextDouble() < REPEAT_SHARE) {
            return pool.get(random.nextInt(pool.size()));
        }
        Customer customer = newCustomer(random);
        if (pool.size() < POOL_SIZE) {
            pool.add(customer);
        } else {
            pool.set(random.nextInt(POOL_SIZE), customer);
        }
        return customer;
    }

    private Customer newCustomer(SplittableRandom random) {
        String name = pickOne(FIRST_NAMES, random) + " " + pickOne(LAST_NAMES, random);
        String phone =
                (6 + random.nextInt(4)) + String.format("%09d", random.nextInt(1_000_000_000));
        String street = (1 + random.nextInt(250)) + " " + pickOne(STREETS, random);
        return new Customer(name, phone, street, world.destination(random));
    }

    /** The phone as this order's channel wrote it: "+91 98765-43210", "09876543210", ... */
    static String asWritten(String phone, SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "+91 " + phone.substring(0, 5) + "-" + phone.substring(5);
            case 1 -> "0" + phone;
            case 2 -> "+91" + phone;
            default -> phone;
        };
    }

    private static String pickOne(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
